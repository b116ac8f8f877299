// buildApp(config) assembles the HTTP application; it never listens (main.ts does), so tests use
// app.inject() or listen on a port of their own.
import cookie from '@fastify/cookie';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from 'fastify';
import type { Config } from './config.ts';
import { accountRoutes } from './modules/accounts/index.ts';
import { analyticsRoutes } from './modules/analytics/index.ts';
import { installAuthentication } from './modules/auth/index.ts';
import { boardsRoutes } from './modules/boards/index.ts';
import { commentRoutes } from './modules/comments/index.ts';
import { relatedRoutes } from './modules/discovery/index.ts';
import { eventRoutes } from './modules/events/index.ts';
import { feedRoutes } from './modules/feeds/index.ts';
import { mediaRoutes } from './modules/media/index.ts';
import { appRoutes, oauthRoutes } from './modules/oauth/index.ts';
import { pinExtensionRoutes, pinRoutes } from './modules/pins/index.ts';
import { searchRoutes } from './modules/search/index.ts';
import { sessionRoutes } from './modules/sessions/index.ts';
import { socialRoutes } from './modules/social/index.ts';
import { systemRoutes } from './modules/system/index.ts';
import { tokenRoutes } from './modules/tokens/index.ts';
import { trendingRoutes } from './modules/trending/index.ts';
import { webAppAssets, webAppFallback } from './modules/webapp/index.ts';
import { clientErrorHandler, frameworkErrorHandler, installErrorHandling } from './platform/error-handler.ts';
import { createLogger, requestIdFor } from './platform/logger.ts';
import { installOpenApi } from './platform/openapi.ts';
import { installArrayQueryNormalizer, parseQueryString } from './platform/query-string.ts';
import { trackRouteMethods } from './platform/route-methods.ts';
import { createServices, type ServiceOptions, type Services } from './services.ts';

declare module 'fastify' {
  interface FastifyInstance {
    services: Services;
  }
}

export interface BuildOptions extends ServiceOptions {
  /** Use services built elsewhere; the app then leaves closing them to the caller. */
  services?: Services;
}

/** How the router matches paths; route-methods.ts mirrors the routes with the same options. */
const ROUTE_MATCHING = { ignoreTrailingSlash: true, maxParamLength: 500 };

export async function buildApp(config: Config, options: BuildOptions = {}): Promise<FastifyInstance> {
  const log = options.log ?? createLogger(config.logLevel);
  const services = options.services ?? (await createServices(config, { ...options, log }));
  const app = Fastify({
    // pino's Logger and Fastify's logger type differ only in generics; the instance is the same.
    loggerInstance: log as unknown as FastifyBaseLogger,
    genReqId: requestIdFor,
    logController: new LogController({ requestIdLogLabel: 'request_id' }),
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    return503OnClosing: true,
    frameworkErrors: frameworkErrorHandler,
    clientErrorHandler,
    forceCloseConnections: 'idle',
    routerOptions: { ...ROUTE_MATCHING, querystringParser: parseQueryString },
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', allErrors: false } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.decorate('services', services);
  const routeMethods = trackRouteMethods(app, ROUTE_MATCHING);
  if (!options.services) app.addHook('onClose', async () => services.close());
  // Event delivery (relay, consumers, listeners) runs while the app serves; services.close() stops
  // it. The CLI never starts it; an app given services leaves that to their owner.
  if (!options.services) app.addHook('onReady', async () => services.events.start());
  // The discovery graph builds in the background (after the listener that keeps it current has
  // started, so no pin event falls between the two); related pins and the home feed use their
  // other sources until it is ready.
  if (!options.services && config.discoveryGraph) {
    app.addHook('onReady', async () => {
      services.discovery.start().catch((error) => log.error({ err: error }, 'discovery graph build failed'));
    });
  }
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  // Browser navigations that no route claims get the web app.
  installErrorHandling(app, routeMethods, webAppFallback(config.webDistDir));
  installArrayQueryNormalizer(app);
  await app.register(cookie);
  installAuthentication(app, services.sessions, services.tokens);
  await installOpenApi(app, config.publicUrl);

  const { accounts, sessions, tokens, oauth, ctx } = services;
  await app.register(systemRoutes(ctx));
  await app.register(accountRoutes(accounts));
  await app.register(sessionRoutes(sessions, accounts, config));
  await app.register(tokenRoutes(tokens));
  await app.register(oauthRoutes(oauth, sessions, accounts, config));
  await app.register(appRoutes(oauth));
  await app.register(boardsRoutes(services.boards));
  await app.register(socialRoutes(services.social));
  await app.register(mediaRoutes(services.media));
  await app.register(pinRoutes(services.pins, config));
  await app.register(pinExtensionRoutes(services.pins, services.pinOrganizer));
  await app.register(commentRoutes(services.comments));
  await app.register(searchRoutes(services.search));
  await app.register(trendingRoutes(services.trending));
  await app.register(eventRoutes(services.events));
  await app.register(feedRoutes(services.feeds));
  await app.register(relatedRoutes(services.related));
  await app.register(analyticsRoutes(services.analytics));
  await app.register(webAppAssets(config.webDistDir));
  return app;
}
