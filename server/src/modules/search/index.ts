// The search module: search_user_pins/list, search_user_boards/get and search_partner_pins, and the
// extensions typeahead and refinements. search → boards, pins, social, events.
export { searchRoutes } from './routes.ts';
export { SearchService } from './service.ts';
