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

interface Waiting {
  resolve(): void;
  reject(error: Error): void;
}

export class PipelinedPublisher {
  private readonly inbox = createInbox();
  private readonly waiting = new Map<string, Waiting>();
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
    const keys: string[] = [];
    const acks: Promise<void>[] = [];
    for (const message of messages) {
      const key = String(this.sequence++);
      keys.push(key);
      acks.push(new Promise<void>((resolve, reject) => this.waiting.set(key, { resolve, reject })));
      const msgHeaders = headers();
      msgHeaders.set('Nats-Msg-Id', message.msgId);
      this.nc.publish(message.subject, message.data, {
        reply: `${this.inbox}.${key}`,
        headers: msgHeaders,
      });
    }
    let timer: NodeJS.Timeout | undefined;
    const expiry = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`JetStream publish TIMEOUT: acks missing after ${timeoutMs} ms`)),
        timeoutMs,
      );
    });
    try {
      // allSettled: every ack promise is consumed, so a refusal leaves none unhandled.
      const settled = await Promise.race([Promise.allSettled(acks), expiry]);
      const refused = settled.find((outcome) => outcome.status === 'rejected');
      if (refused) throw (refused as PromiseRejectedResult).reason;
    } finally {
      clearTimeout(timer);
      for (const key of keys) this.waiting.delete(key);
    }
  }

  close(): void {
    this.subscription.unsubscribe();
    for (const waiting of this.waiting.values()) waiting.reject(new Error('publisher closed'));
    this.waiting.clear();
  }

  private settle(message: Msg): void {
    const key = message.subject.slice(this.inbox.length + 1);
    const waiting = this.waiting.get(key);
    if (!waiting) return; // an ack that came after its batch gave up
    this.waiting.delete(key);
    // A status instead of an ack: 503 no responders (no stream takes the subject), and the like.
    const code = message.headers?.code ?? 0;
    if (code >= 300) {
      waiting.reject(new Error(`JetStream publish failed: ${code} ${message.headers?.description ?? ''}`));
      return;
    }
    const ack = JSON.parse(message.string()) as { error?: { code?: number; description?: string } };
    if (ack.error) {
      waiting.reject(new Error(`JetStream publish refused: ${ack.error.code} ${ack.error.description}`));
    } else {
      waiting.resolve();
    }
  }
}
