// The trending module: GET /v5/trending, topics and pins with rising saves.
// trending → boards, pins, social.
export { trendingRoutes } from './routes.ts';
export { TrendingService } from './service.ts';
