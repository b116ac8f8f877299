// The boards module's public face. Other modules (pins) ask BoardsService whether a viewer may see
// or write a board (visibleBoard, visibleSection, writableBoard), keep pin counts with
// adjustPinCount, and filter board joins with visibleBoardsFilter. boards → social, accounts.
export { viewerOf, visibleBoardsFilter } from './access.ts';
export { NO_MEDIA, toBoard, toSection } from './presenter.ts';
export type { BoardRelationsService } from './relations-service.ts';
export { boardsRoutes } from './routes.ts';
export { type Board, BoardMedia, BoardSchema, type BoardSection, BoardSectionSchema } from './schemas.ts';
export { type BoardRow, BoardsService, type BoardView, type SectionRow } from './service.ts';
