export { pinExtensionRoutes } from './extension-routes.ts';
export { keyBetween, MAX_BULK_MOVE, PinOrganizer } from './organizer.ts';
export type { EngagementCounts, PinEngagement } from './presenter.ts';
export {
  adjustCounter as adjustPinCounter,
  type EngagementCounter,
  PIN_COLUMNS,
  PIN_IMAGES_JSON,
} from './repo.ts';
export { pinRoutes } from './routes.ts';
export { type Pin, PinSchema } from './schemas.ts';
export { type EngagementSource, PinsService } from './service.ts';
