// A pull from a durable JetStream consumer that returns at once with what is available (no_wait),
// and the acks of what it returned. The client library's fetch() waits for a full batch or its
// expiry (at least a second), which would add that second to every lightly loaded batch.
import { createInbox, type NatsConnection } from '@nats-io/transport-node';

export interface PulledMessage {
  /** Stream sequence: the event's position. */
  seq: number;
  /** `<prefix>.<event type>`: the type, without decoding the message. */
  subject: string;
  data: Uint8Array;
  /** The $JS.ACK subject to ack or nak the delivery. */
  reply: string;
}

/**
 * The stream sequence from a delivery's reply subject: $JS.ACK.<stream>.<consumer>.<delivered>.
 * <stream seq>.<consumer seq>.<time>.<pending>, or the newer form with domain and account hash
 * after ACK (and a random token at the end). Read in place, without splitting the subject or
 * allocating: this runs for every message every consumer pulls.
 */
export function streamSequenceOf(reply: string): number | undefined {
  if (!reply.startsWith('$JS.ACK.')) return undefined;
  let tokens = 1;
  for (let at = reply.indexOf('.'); at !== -1; at = reply.indexOf('.', at + 1)) tokens++;
  const index = tokens === 9 ? 5 : tokens >= 11 ? 7 : -1;
  if (index === -1) return undefined;
  let start = 0;
  for (let i = 0; i < index; i++) start = reply.indexOf('.', start) + 1;
  const end = reply.indexOf('.', start);
  // Digits read in place: no substring and no Number() of it per message.
  let seq = 0;
  for (let i = start; i < end; i++) {
    const digit = reply.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return undefined;
    seq = seq * 10 + digit;
  }
  return end > start && seq > 0 && Number.isSafeInteger(seq) ? seq : undefined;
}

/**
 * Up to `max` messages available now, in stream order; [] when none. Messages are taken in the
 * subscription's callback, not through its async iterator: a promise per message was a good part
 * of what pulling cost.
 */
export function pullAvailable(
  nc: NatsConnection,
  stream: string,
  consumer: string,
  max: number,
  timeoutMs: number,
): Promise<PulledMessage[]> {
  const inbox = createInbox();
  const pulled: PulledMessage[] = [];
  return new Promise<PulledMessage[]>((resolve, reject) => {
    let timer: NodeJS.Timeout | undefined;
    let done = false;
    const finish = (error?: Error) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      sub.unsubscribe();
      if (error) reject(error);
      else resolve(pulled.sort((a, b) => a.seq - b.seq));
    };
    const sub = nc.subscribe(inbox, {
      callback: (error, msg) => {
        if (error) return finish(error);
        // Like a subscription's own timeout: only for the first message (NATS did not answer).
        clearTimeout(timer);
        const seq = msg.reply ? streamSequenceOf(msg.reply) : undefined;
        // Anything but a delivery is a status: 404 no (more) messages, 408 request expired, 409 ...
        if (seq === undefined) {
          const code = msg.headers?.code ?? 0;
          if (code === 404 || code === 408) return finish();
          return finish(
            new Error(`JetStream pull from ${consumer} failed: ${code} ${msg.headers?.description ?? ''}`),
          );
        }
        pulled.push({ seq, subject: msg.subject, data: msg.data, reply: msg.reply! });
        if (pulled.length >= max) finish();
      },
    });
    timer = setTimeout(() => finish(new Error(`JetStream pull from ${consumer}: TIMEOUT`)), timeoutMs);
    const request = JSON.stringify({ batch: max, no_wait: true });
    nc.publish(`$JS.API.CONSUMER.MSG.NEXT.${stream}.${consumer}`, request, { reply: inbox });
  });
}

/**
 * Acks `last` and, the consumer's ack policy being "all", every message delivered before it; with
 * a confirmed ack, so all are settled when this resolves.
 */
export async function ackThrough(nc: NatsConnection, last: PulledMessage, timeoutMs: number): Promise<void> {
  await nc.request(last.reply, '+ACK', { timeout: timeoutMs });
}

/** Asks for immediate redelivery of every message (a failed batch). */
export function nakAll(nc: NatsConnection, messages: readonly PulledMessage[]): void {
  for (const message of messages) nc.publish(message.reply, '-NAK');
}
