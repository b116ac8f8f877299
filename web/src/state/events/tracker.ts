// Client events (POST /v5/events): queued, batched and flushed a moment later, or at once when the
// page is being left. No I/O of its own: `send` is given, so the batching rules are testable.

export const CLIENT_EVENT_TYPES = ['pin.impression.v1', 'pin.closeup.v1', 'pin.outbound_click.v1'] as const;
export type ClientEventType = (typeof CLIENT_EVENT_TYPES)[number];
export type Surface = 'home' | 'search' | 'related' | 'board' | 'profile' | 'pin' | 'other';

export interface ClientEvent {
  id: string;
  type: ClientEventType;
  object: { type: 'pin'; id: string };
  occurred_at: string;
  context: { app_type: 'web'; locale: string | null; session_id: string | null; surface: Surface };
}

/** Sends one batch; `leaving` asks for a request that outlives the page (fetch keepalive). */
export type SendEvents = (events: ClientEvent[], leaving: boolean) => Promise<void> | void;

export interface TrackerOptions {
  send: SendEvents;
  locale: string | null;
  sessionId: string | null;
  now?: () => Date;
  newId?: () => string;
  flushDelayMs?: number;
  /** The server takes up to 500 per request; keepalive bodies must stay under 64 kB. */
  maxBatch?: number;
  setTimer?: (run: () => void, ms: number) => unknown;
  clearTimer?: (timer: unknown) => void;
}

const PIN_ID = /^[1-9][0-9]{0,18}$/;
const LOCALE = /^[A-Za-z]{2,8}([-_][A-Za-z0-9]{1,8})*$/;

/** The locale as the events schema takes it, or null when the browser reports something else. */
export function eventLocale(raw: string | undefined | null): string | null {
  return raw && raw.length <= 35 && LOCALE.test(raw) ? raw : null;
}

export class EventTracker {
  private queue: ClientEvent[] = [];
  private timer: unknown = null;
  private readonly now: () => Date;
  private readonly newId: () => string;
  private readonly flushDelayMs: number;
  private readonly maxBatch: number;
  private readonly setTimer: (run: () => void, ms: number) => unknown;
  private readonly clearTimer: (timer: unknown) => void;

  constructor(private readonly options: TrackerOptions) {
    this.now = options.now ?? (() => new Date());
    this.newId = options.newId ?? (() => crypto.randomUUID());
    this.flushDelayMs = options.flushDelayMs ?? 2000;
    this.maxBatch = options.maxBatch ?? 50;
    this.setTimer = options.setTimer ?? ((run, ms) => setTimeout(run, ms));
    this.clearTimer = options.clearTimer ?? ((timer) => clearTimeout(timer as ReturnType<typeof setTimeout>));
  }

  get pending(): number {
    return this.queue.length;
  }

  /** Queues one event; ids that are not pin ids are ignored (the server would refuse the batch). */
  track(type: ClientEventType, pinId: string, surface: Surface): void {
    if (!PIN_ID.test(pinId)) return;
    this.queue.push({
      id: this.newId(),
      type,
      object: { type: 'pin', id: pinId },
      occurred_at: this.now().toISOString(),
      context: { app_type: 'web', locale: this.options.locale, session_id: this.options.sessionId, surface },
    });
    if (this.queue.length >= this.maxBatch) this.flush(false);
    else if (this.timer === null) this.timer = this.setTimer(() => this.flush(false), this.flushDelayMs);
  }

  /** Sends everything queued, in batches of at most maxBatch; settles when every send has. */
  flush(leaving: boolean): Promise<void> {
    this.stopTimer();
    const sends: Promise<unknown>[] = [];
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, this.maxBatch);
      try {
        sends.push(Promise.resolve(this.options.send(batch, leaving)).catch(() => {}));
      } catch {
        // Events are best effort: a failed send never disturbs the page.
      }
    }
    return Promise.all(sends).then(() => {});
  }

  /** Drops what is queued (the session it belonged to has ended). */
  discard(): void {
    this.stopTimer();
    this.queue = [];
  }

  private stopTimer(): void {
    if (this.timer !== null) {
      this.clearTimer(this.timer);
      this.timer = null;
    }
  }
}
