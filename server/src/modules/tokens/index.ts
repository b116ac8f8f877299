export { parseScopeList, tokenRoutes } from './routes.ts';
export { type PersonalToken, type ResolvedToken, type TokenGrant, TokensService } from './service.ts';
