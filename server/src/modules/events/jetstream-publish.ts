// Pipelined JetStream publishing for the relay: a whole batch is sent at once, each message with
// its own reply subject under one inbox, and the stream's acks are matched as they come back. The
// client library's js.publish() is a request per message (its own subscription bookkeeping and
// timer, and a captured stack unless traces are off), which cost the relay several times more CPU
// than NATS itself; one wildcard subscription for the relay's lifetime costs nothing per message.
import {
  createInbox,
  headers,
  type Msg,
  type NatsConnection,
  type Subscription,
} from '@nats-io/transport-node';

export interface OutgoingMessage {
  subject: string;
  data: Uint8Array;
  /** Nats-Msg-Id: the stream drops a message whose id it stored within its duplicate window. */
  msgId: string;
}

const OPEN_BRACE = '{'.charCodeAt(0);
const STREAM_KEY_INITIAL = 's'.charCodeAt(0);

/** A batch in flight: its messages' reply keys are first .. first + count - 1. */
interface Batch {
  first: number;
  count: number;
  /** Which messages were acked (an ack that comes twice counts once). */
  acked: Uint8Array;
  remaining: number;
  resolve(): void;
  reject(error: Error): void;
}

export class PipelinedPublisher {
  private readonly inbox = createInbox();
  /** Batches in flight (usually one): a counter each instead of a promise per message. */
  private readonly batches = new Set<Batch>();
  private readonly subscription: Subscription;
  private sequence = 0;

  constructor(private readonly nc: NatsConnection) {
    this.subscription = nc.subscribe(`${this.inbox}.*`, {
      callback: (error, message) => {
        if (!error) this.settle(message);
      },
    });
  }

  /**
   * Publishes every message and resolves once the stream acked all of them (stored, or dropped as
   * a duplicate). Rejects on the first refusal, or when not all acks came within `timeoutMs` (NATS
   * went away): the caller then publishes the batch again, and the duplicate window drops repeats.
   */
  async publishAll(messages: readonly OutgoingMessage[], timeoutMs: number): Promise<void> {
    if (messages.length === 0) return;
    const first = this.sequence;
    this.sequence += messages.length;
    let batch: Batch | undefined;
    const acked = new Promise<void>((resolve, reject) => {
      batch = {
        first,
        count: messages.length,
        acked: new Uint8Array(messages.length),
        remaining: messages.length,
        resolve,
        reject,
      };
    });
    this.batches.add(batch!);
    let timer: NodeJS.Timeout | undefined;
    try {
      // One header set for all: publish() encodes it at once, so it is only the id that changes.
      const msgHeaders = headers();
      for (let i = 0; i < messages.length; i++) {
        const message = messages[i]!;
        msgHeaders.set('Nats-Msg-Id', message.msgId);
        this.nc.publish(message.subject, message.data, {
          reply: `${this.inbox}.${first + i}`,
          headers: msgHeaders,
        });
      }
      const expiry = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`JetStream publish TIMEOUT: acks missing after ${timeoutMs} ms`)),
          timeoutMs,
        );
      });
      await Promise.race([acked, expiry]);
    } finally {
      clearTimeout(timer);
      this.batches.delete(batch!);
    }
  }

  close(): void {
    this.subscription.unsubscribe();
    for (const batch of this.batches) batch.reject(new Error('publisher closed'));
    this.batches.clear();
  }

  private settle(message: Msg): void {
    const key = Number(message.subject.slice(this.inbox.length + 1));
    let batch: Batch | undefined;
    for (const waiting of this.batches) {
      if (key >= waiting.first && key < waiting.first + waiting.count) batch = waiting;
    }
    // An ack that came after its batch gave up, or again.
    if (!batch || batch.acked[key - batch.first] === 1) return;
    batch.acked[key - batch.first] = 1;
    // A status instead of an ack: 503 no responders (no stream takes the subject), and the like.
    const code = message.headers?.code ?? 0;
    if (code >= 300) {
      batch.reject(new Error(`JetStream publish failed: ${code} ${message.headers?.description ?? ''}`));
      return;
    }
    // A stored message's ack is {"stream":...}; the server writes "error" first when there is one,
    // so only anything else is parsed (one parse per event was a good part of what acks cost).
    if (message.data[2] !== STREAM_KEY_INITIAL || message.data[0] !== OPEN_BRACE) {
      const ack = JSON.parse(message.string()) as { error?: { code?: number; description?: string } };
      if (ack.error) {
        batch.reject(new Error(`JetStream publish refused: ${ack.error.code} ${ack.error.description}`));
        return;
      }
    }
    if (--batch.remaining === 0) batch.resolve();
  }
}
