// The webapp module: serves the built web app (web/) and its SPA fallback. It depends on no other module.
export { answerFor, isServerPath, SERVER_PREFIXES } from './app-paths.ts';
export { webAppAssets, webAppFallback } from './routes.ts';
