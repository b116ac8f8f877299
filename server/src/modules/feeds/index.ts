// The feeds module: the home feed (blended, planned per session) and onboarding topics.
// feeds → discovery (walks, topics), analytics (recent engagement), pins, boards, social, seed.
export { feedRoutes } from './routes.ts';
export { FeedsService } from './service.ts';
