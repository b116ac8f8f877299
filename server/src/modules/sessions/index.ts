export {
  CSRF_COOKIE,
  CSRF_HEADER,
  clearSessionCookies,
  SESSION_COOKIE,
  setSessionCookies,
} from './cookies.ts';
export { clientInfo, sessionRoutes } from './routes.ts';
export { type ClientInfo, type NewSession, type ResolvedSession, SessionsService } from './service.ts';
