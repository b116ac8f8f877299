// buildApp(config) assembles the HTTP application; it never listens (main.ts does), so tests use
// app.inject() or listen on a port of their own.
import cookie from '@fastify/cookie';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from 'fastify';
import type { Config } from './config.ts';
import { accountRoutes } from './modules/accounts/index.ts';
import { installAuthentication } from './modules/auth/index.ts';
import { boardsRoutes } from './modules/boards/index.ts';
import { commentRoutes } from './modules/comments/index.ts';
import { mediaRoutes } from './modules/media/index.ts';
import { appRoutes, oauthRoutes } from './modules/oauth/index.ts';
import { pinExtensionRoutes, pinRoutes } from './modules/pins/index.ts';
import { searchRoutes } from './modules/search/index.ts';
import { sessionRoutes } from './modules/sessions/index.ts';
import { socialRoutes } from './modules/social/index.ts';
import { systemRoutes } from './modules/system/index.ts';
import { tokenRoutes } from './modules/tokens/index.ts';
import { clientErrorHandler, frameworkErrorHandler, installErrorHandling } from './platform/error-handler.ts';
import { createLogger, requestIdFor } from './platform/logger.ts';
import { installOpenApi } from './platform/openapi.ts';
import { installArrayQueryNormalizer, parseQueryString } from './platform/query-string.ts';
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
    routerOptions: { ignoreTrailingSlash: true, querystringParser: parseQueryString, maxParamLength: 500 },
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', allErrors: false } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.decorate('services', services);
  if (!options.services) app.addHook('onClose', async () => services.close());
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  installErrorHandling(app);
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
  return app;
}
