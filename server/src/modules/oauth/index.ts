export { appRoutes } from './app-routes.ts';
export { oauthRoutes } from './routes.ts';
export { type AppView, OauthService, parseScopes } from './service.ts';
