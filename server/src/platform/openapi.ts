// /v5/openapi.json is generated from the route schemas; the security schemes and tags mirror
// Pinterest's document, plus the `extensions` tag for Corkboard's own operations.
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { SCOPES } from './principal.ts';

const scopeDescriptions = Object.fromEntries(SCOPES.map((s) => [s, s]));

export async function installOpenApi(app: FastifyInstance, publicUrl: string): Promise<void> {
  app.addSchema(
    Type.Object({ code: Type.Integer(), message: Type.String() }, { $id: 'Error', title: 'Error' }),
  );
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Corkboard API',
        version: '5.23.0-corkboard',
        description:
          'Wire-compatible with the Pinterest REST API v5. Operations tagged `extensions` are Corkboard additions.',
      },
      servers: [{ url: publicUrl }],
      tags: [
        { name: 'user_account' },
        { name: 'boards' },
        { name: 'board_sections' },
        { name: 'pins' },
        { name: 'search' },
        { name: 'oauth' },
        { name: 'extensions', description: 'Corkboard operations that Pinterest keeps internal.' },
        { name: 'system', description: 'Liveness and readiness.' },
      ],
      components: {
        securitySchemes: {
          pinterest_oauth2: {
            type: 'oauth2',
            flows: {
              authorizationCode: {
                authorizationUrl: `${publicUrl}/oauth/`,
                tokenUrl: `${publicUrl}/v5/oauth/token`,
                scopes: scopeDescriptions,
              },
            },
          },
          client_credentials: {
            type: 'oauth2',
            flows: {
              clientCredentials: { tokenUrl: `${publicUrl}/v5/oauth/token`, scopes: scopeDescriptions },
            },
          },
          basic: { type: 'http', scheme: 'basic' },
          session: { type: 'apiKey', in: 'cookie', name: 'cb_session' },
        },
      },
    },
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => String(json.$id ?? `def-${i}`) },
  });
  await app.register(swaggerUi, { routePrefix: '/docs', uiConfig: { url: '/v5/openapi.json' } });
  app.get('/v5/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}
