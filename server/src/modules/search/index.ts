// The search module: search_user_pins/list, search_user_boards/get and search_partner_pins.
// search → boards, pins, social.
export { searchRoutes } from './routes.ts';
export { SearchService } from './service.ts';
