// The event catalog: every event type Corkboard records, its versioned name, and the TypeBox schema
// of its envelope and payload. Pure: no I/O. docs/events.md describes each type (a test keeps the two
// in sync). A changed payload is a new version (`.v2`), never an edit of an existing one, so stored
// logs and replays stay readable.
import { type Static, type TSchema, Type } from 'typebox';
import { Compile } from 'typebox/compile';

export const APP_TYPES = ['web', 'mobile', 'tablet'] as const;
export type AppType = (typeof APP_TYPES)[number];

export const SURFACES = ['home', 'search', 'related', 'board', 'profile', 'pin', 'other'] as const;
export type Surface = (typeof SURFACES)[number];

export const OBJECT_TYPES = ['pin', 'board', 'user', 'search'] as const;
export type ObjectType = (typeof OBJECT_TYPES)[number];

export interface EventContext {
  app_type: AppType;
  locale: string | null;
  session_id: string | null;
  surface: Surface | null;
}

const Id = Type.String({ pattern: '^[1-9][0-9]{0,18}$' });
const NullableId = Type.Union([Type.Null(), Id]);
const Uuid = Type.String({
  pattern: '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$',
});
const IsoTime = Type.String({ format: 'date-time', maxLength: 40 });
const Empty = Type.Object({}, { additionalProperties: false });

export const EventContextSchema = Type.Object(
  {
    app_type: Type.Union(APP_TYPES.map((t) => Type.Literal(t))),
    // A BCP 47 tag such as "en-US"; kept loose because clients send what their platform reports.
    locale: Type.Union([
      Type.Null(),
      Type.String({ pattern: '^[A-Za-z]{2,8}([-_][A-Za-z0-9]{1,8})*$', maxLength: 35 }),
    ]),
    session_id: Type.Union([Type.Null(), Type.String({ minLength: 1, maxLength: 128 })]),
    surface: Type.Union([Type.Null(), ...SURFACES.map((s) => Type.Literal(s))]),
  },
  { additionalProperties: false },
);

/** The payload schema of each event type. */
export const EVENT_DATA = {
  /** A pin was shown in a feed or grid (client). */
  'pin.impression.v1': Empty,
  /** A pin was opened in close-up (client). */
  'pin.closeup.v1': Empty,
  /** The pin's destination link was followed (client). */
  'pin.outbound_click.v1': Empty,
  /** A pin was saved to a board: object is the pin saved, saved_pin_id the new copy. */
  'pin.saved.v1': Type.Object(
    { board_id: Id, pin_owner_id: Id, parent_pin_id: NullableId, saved_pin_id: Id },
    { additionalProperties: false },
  ),
  /** A pin was created (not a save). */
  'pin.created.v1': Type.Object(
    { board_id: Id, section_id: NullableId, pin_owner_id: Id },
    { additionalProperties: false },
  ),
  /** A pin was deleted. */
  'pin.deleted.v1': Type.Object({ board_id: Id, pin_owner_id: Id }, { additionalProperties: false }),
  /** The actor followed a user (object). */
  'user.followed.v1': Empty,
  /** The actor followed a board (object). */
  'board.followed.v1': Type.Object({ board_owner_id: Id }, { additionalProperties: false }),
  /**
   * A board (object) changed as a whole: its name, description or privacy, or a section deleted
   * with its pins. privacy is the board's privacy after the change.
   */
  'board.updated.v1': Type.Object(
    {
      board_owner_id: Id,
      privacy: Type.Union([Type.Literal('PUBLIC'), Type.Literal('PROTECTED'), Type.Literal('SECRET')]),
    },
    { additionalProperties: false },
  ),
  /** A board (object) was deleted with its pins and sections. */
  'board.deleted.v1': Type.Object({ board_owner_id: Id }, { additionalProperties: false }),
  /** A search ran: object id is the normalized query. */
  'search.performed.v1': Type.Object(
    {
      scope: Type.Union([
        Type.Literal('partner_pins'),
        Type.Literal('user_pins'),
        Type.Literal('user_boards'),
        Type.Literal('users'),
      ]),
      query: Type.String({ maxLength: 1000 }),
      result_count: Type.Integer({ minimum: 0 }),
    },
    { additionalProperties: false },
  ),
} as const satisfies Record<string, TSchema>;

export type EventType = keyof typeof EVENT_DATA;
export type EventData = { [T in EventType]: Static<(typeof EVENT_DATA)[T]> };
export const EVENT_TYPES = Object.keys(EVENT_DATA) as EventType[];

/** The object each event type is about. */
export const EVENT_OBJECT_TYPE: Record<EventType, ObjectType> = {
  'pin.impression.v1': 'pin',
  'pin.closeup.v1': 'pin',
  'pin.outbound_click.v1': 'pin',
  'pin.saved.v1': 'pin',
  'pin.created.v1': 'pin',
  'pin.deleted.v1': 'pin',
  'user.followed.v1': 'user',
  'board.followed.v1': 'board',
  'board.updated.v1': 'board',
  'board.deleted.v1': 'board',
  'search.performed.v1': 'search',
};

/** The types a client may post to POST /v5/events; every other type is recorded by the server only. */
export const CLIENT_EVENT_TYPES = ['pin.impression.v1', 'pin.closeup.v1', 'pin.outbound_click.v1'] as const;
export type ClientEventType = (typeof CLIENT_EVENT_TYPES)[number];

export function isEventType(value: unknown): value is EventType {
  return typeof value === 'string' && Object.hasOwn(EVENT_DATA, value);
}

export function isClientEventType(value: unknown): value is ClientEventType {
  return (CLIENT_EVENT_TYPES as readonly unknown[]).includes(value);
}

export interface CorkboardEvent<T extends EventType = EventType> {
  /** UUID; the deduplication key. */
  id: string;
  type: T;
  /** The acting user's id (decimal string); null for a token with no user behind it. */
  actor_id: string | null;
  object: { type: ObjectType; id: string };
  /** ISO 8601. */
  occurred_at: string;
  context: EventContext;
  data: EventData[T];
}

/** An event read back from the log: position is the embedded log offset or the JetStream sequence. */
export interface LoggedEvent extends CorkboardEvent {
  position: bigint;
}

/** The whole envelope of one type, as stored and as delivered. */
export function envelopeSchema<T extends EventType>(type: T) {
  return Type.Object(
    {
      id: Uuid,
      type: Type.Literal(type),
      actor_id: NullableId,
      object: Type.Object(
        { type: Type.Literal(EVENT_OBJECT_TYPE[type]), id: Type.String({ minLength: 1, maxLength: 200 }) },
        { additionalProperties: false },
      ),
      occurred_at: IsoTime,
      context: EventContextSchema,
      data: EVENT_DATA[type],
    },
    { additionalProperties: false },
  );
}

/** One event as a client posts it: no actor (the caller is the actor), a pin object, optional data. */
export function clientEventSchema<T extends ClientEventType>(type: T) {
  return Type.Object(
    {
      id: Uuid,
      type: Type.Literal(type),
      object: Type.Object({ type: Type.Literal('pin'), id: Id }, { additionalProperties: false }),
      occurred_at: IsoTime,
      context: EventContextSchema,
      data: Type.Optional(EVENT_DATA[type]),
    },
    { additionalProperties: false },
  );
}

/** The body of POST /v5/events as published in OpenAPI (the route validates each event itself). */
export const MAX_CLIENT_BATCH = 500;
export const ClientEventSchema = Type.Union(CLIENT_EVENT_TYPES.map((t) => clientEventSchema(t)));
export type ClientEvent = Static<typeof ClientEventSchema>;

/**
 * The context of events the server records itself: the request's app and surface are not known to
 * the services, so they are the web app's defaults (docs/events.md).
 */
export const SERVER_CONTEXT: EventContext = {
  app_type: 'web',
  locale: null,
  session_id: null,
  surface: null,
};

/** A new server-side event, happening now. */
export function serverEvent<T extends EventType>(
  type: T,
  actorId: string | null,
  objectId: string,
  data: EventData[T],
  context: EventContext = SERVER_CONTEXT,
): CorkboardEvent<T> {
  return {
    id: crypto.randomUUID(),
    type,
    actor_id: actorId,
    object: { type: EVENT_OBJECT_TYPE[type], id: objectId },
    occurred_at: new Date().toISOString(),
    context,
    data,
  };
}

const envelopeValidators = new Map<EventType, ReturnType<typeof Compile>>();

/** The first problem with an event against its type's envelope schema, or undefined when valid. */
export function eventProblem(event: unknown): string | undefined {
  const type = (event as { type?: unknown } | null)?.type;
  if (!isEventType(type)) return `unknown event type ${String(type)}`;
  let validator = envelopeValidators.get(type);
  if (!validator) {
    validator = Compile(envelopeSchema(type));
    envelopeValidators.set(type, validator);
  }
  if (validator.Check(event)) return undefined;
  const [first] = validator.Errors(event);
  return `${type}${first?.instancePath ?? ''} ${first?.message ?? 'is invalid'}`;
}

/** Search events name the query as their object: trimmed, lowercased, spaces collapsed, at most 200. */
export function normalizedQuery(query: string): string {
  return query.trim().toLowerCase().replace(/\s+/g, ' ').slice(0, 200) || '(empty)';
}
