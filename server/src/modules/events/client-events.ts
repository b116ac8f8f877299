// Validation of the events a client posts (POST /v5/events). Pure: no I/O. Each event is checked by
// a compiled TypeBox validator chosen by its type, which is much faster than one union schema and
// names the first problem precisely ("events[3].context.surface ...").
import { Compile } from 'typebox/compile';
import { invalid } from '../../platform/errors.ts';
import {
  CLIENT_EVENT_TYPES,
  type ClientEventType,
  type CorkboardEvent,
  clientEventSchema,
  isClientEventType,
  isEventType,
  MAX_CLIENT_BATCH,
} from './catalog.ts';

/** How far a client's occurred_at may lie from the server's clock. */
export const CLIENT_MAX_AGE_MS = 24 * 60 * 60 * 1000;
export const CLIENT_MAX_AHEAD_MS = 5 * 60 * 1000;

const validators = Object.fromEntries(
  CLIENT_EVENT_TYPES.map((type) => [type, Compile(clientEventSchema(type))]),
);

/** What Date#toISOString writes: such a timestamp is stored as it came, not parsed and written again. */
const CANONICAL_UTC = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

function problemWith(index: number, value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return `events[${index}] must be an object`;
  const type = (value as { type?: unknown }).type;
  if (!isClientEventType(type)) {
    return isEventType(type)
      ? `events[${index}].type ${type} is recorded by the server and cannot be posted`
      : `events[${index}].type must be one of ${CLIENT_EVENT_TYPES.join(', ')}`;
  }
  const validator = validators[type]!;
  if (validator.Check(value)) return undefined;
  const [first] = validator.Errors(value);
  const at = first?.instancePath ? first.instancePath.slice(1).replaceAll('/', '.') : '';
  return `events[${index}]${at ? `.${at}` : ''} ${first?.message ?? 'is invalid'}`;
}

/**
 * The batch as events of `actorId`, or a 400 naming the first invalid event. Timestamps must lie
 * within [now - 24 h, now + 5 min]: older events are no longer counted in the windows they belong
 * to, and later ones come from a clock that cannot be trusted.
 */
export function parseClientBatch(batch: readonly unknown[], actorId: string, now: number): CorkboardEvent[] {
  if (batch.length > MAX_CLIENT_BATCH) throw invalid(`At most ${MAX_CLIENT_BATCH} events per request.`);
  const events: CorkboardEvent[] = new Array(batch.length);
  for (let i = 0; i < batch.length; i++) {
    const value = batch[i];
    const problem = problemWith(i, value);
    if (problem) throw invalid(problem);
    const event = value as {
      id: string;
      type: ClientEventType;
      object: { type: 'pin'; id: string };
      occurred_at: string;
      context: CorkboardEvent['context'];
    };
    const at = Date.parse(event.occurred_at);
    if (!(at >= now - CLIENT_MAX_AGE_MS)) throw invalid(`events[${i}].occurred_at is more than 24 hours ago`);
    if (at > now + CLIENT_MAX_AHEAD_MS) throw invalid(`events[${i}].occurred_at is in the future`);
    // The validated object and context are taken as they are (the schema allows no other keys).
    events[i] = {
      id: event.id.toLowerCase(),
      type: event.type,
      actor_id: actorId,
      object: event.object,
      occurred_at: CANONICAL_UTC.test(event.occurred_at) ? event.occurred_at : new Date(at).toISOString(),
      context: event.context,
      data: {},
    };
  }
  return events;
}
