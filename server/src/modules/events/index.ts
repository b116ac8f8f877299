// The events module's public face: the catalog (types and schemas), the consumer and listener
// interfaces, and EventsService (record in a transaction, ingest client batches, run consumers).
export {
  type AppType,
  CLIENT_EVENT_TYPES,
  type ClientEventType,
  type CorkboardEvent,
  EVENT_TYPES,
  type EventContext,
  type EventData,
  type EventType,
  type LoggedEvent,
  normalizedQuery,
  SERVER_CONTEXT,
  type Surface,
  serverEvent,
} from './catalog.ts';
export type { EventConsumer, EventListener, ReadLogOptions } from './consumer.ts';
// The relay's pipelined JetStream publisher, for the benchmark's raw publish rate.
export { PipelinedPublisher } from './jetstream-publish.ts';
export { eventRoutes } from './routes.ts';
export { EventsService, type IngestResult } from './service.ts';
