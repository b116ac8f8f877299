import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifySchemaCompiler } from 'fastify';
import { Type } from 'typebox';
import { ERROR_RESPONSE, SIGNED_IN } from '../../platform/route-security.ts';
import { ClientEventSchema, MAX_CLIENT_BATCH } from './catalog.ts';
import type { EventsService } from './service.ts';

/** A generous upper bound on one posted event's JSON, so a full batch fits the body limit. */
const MAX_EVENT_BYTES = 2048;

const IngestBody = Type.Object({
  events: Type.Array(ClientEventSchema, { minItems: 1, maxItems: MAX_CLIENT_BATCH }),
});

const IngestResultSchema = Type.Object(
  {
    accepted: Type.Integer({ minimum: 0, description: 'Events new to the log.' }),
    duplicates: Type.Integer({
      minimum: 0,
      description: 'Events whose id was already recorded (a retried batch) or repeated in the batch.',
    }),
  },
  { description: 'Every event was validated and durably recorded; consumers process them shortly.' },
);

/**
 * The published schema describes each event in full, but the body is checked here only for its
 * shape: the service validates every event with compiled per-type validators, which is several
 * times faster than a 500-item anyOf and reports which event is wrong.
 */
const batchShapeOnly: FastifySchemaCompiler<unknown> = ({ httpPart }) => {
  if (httpPart !== 'body') return () => true;
  return (data: unknown) => {
    const events = (data as { events?: unknown } | null)?.events;
    if (!Array.isArray(events)) return { error: new Error('body/events must be an array') };
    if (events.length < 1) return { error: new Error('body/events must not be empty') };
    if (events.length > MAX_CLIENT_BATCH) {
      return { error: new Error(`body/events must NOT have more than ${MAX_CLIENT_BATCH} items`) };
    }
    return { value: data };
  };
};

/** POST /v5/events: client-side events (tag `extensions`; docs/events.md). */
export const eventRoutes =
  (events: EventsService): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.post(
      '/v5/events',
      {
        bodyLimit: MAX_CLIENT_BATCH * MAX_EVENT_BYTES,
        validatorCompiler: batchShapeOnly,
        schema: {
          operationId: 'events/create',
          summary: `Record up to ${MAX_CLIENT_BATCH} client events: impressions, close-ups, outbound clicks (extension)`,
          description:
            'The caller is the actor of every event. Each event id is a UUID the client generates once; ' +
            'an id already recorded is counted as a duplicate and ignored, so a failed batch can be retried ' +
            'as is. occurred_at must lie within the last 24 hours and at most 5 minutes ahead. ' +
            'One invalid event rejects the whole batch with 400, naming it.',
          tags: ['extensions'],
          security: SIGNED_IN,
          body: IngestBody,
          response: { 202: IngestResultSchema, default: ERROR_RESPONSE },
        },
      },
      async (request, reply) => {
        const result = await events.ingest(request.principal, request.body.events as unknown[]);
        return reply.code(202).send(result);
      },
    );
  };
