// Listeners over JetStream: each process reads the stream for each listener, starting with the
// messages published after start: from the process's shared read (jetstream-tap.ts) while that
// holds what comes next, else through an ephemeral consumer of the listener's own. The stream has
// no gaps (limits retention, nothing deleted but the oldest), so a skipped sequence means messages
// were lost in flight; the reader then starts over just after the last message it handed over,
// as it does after any failure (NATS gone, consumer lost with a restarted server).
import type { JetStreamManager } from '@nats-io/jetstream';
import type { Logger } from 'pino';
import type { CorkboardEvent, EventType, LoggedEvent } from './catalog.ts';
import { type EventListener, wants } from './consumer.ts';
import { backoff, CONSUMER_BATCH, IDLE_POLL_MS, Waker } from './delivery.ts';
import { pullAvailable } from './jetstream-pull.ts';
import { addEphemeralReader, type Nats } from './jetstream-stream.ts';
import type { StreamTap } from './jetstream-tap.ts';

interface Reader {
  /** Stream sequence of the last message handed over (or skipped), 0 before the first. */
  lastSeq: number;
}

const PULL_TIMEOUT_MS = 5000;
const decoder = new TextDecoder();

class GapError extends Error {
  override name = 'GapError';
}

export class JetStreamListeners {
  private running = false;
  private readonly readers = new Map<string, Reader>();
  private readonly loops: Promise<void>[] = [];
  private readonly wakers = new Set<Waker>();

  constructor(
    private readonly connection: () => Promise<Nats>,
    private readonly log: Logger,
    private readonly stream: string,
    private readonly subjects: string,
    /** The process's shared read of the stream (jetstream-tap.ts), when there is one. */
    private readonly tap?: StreamTap,
  ) {}

  start(listeners: readonly EventListener[]): void {
    this.running = true;
    for (const listener of listeners) {
      const reader: Reader = { lastSeq: -1 };
      this.readers.set(listener.name, reader);
      this.loops.push(this.loop(listener, reader));
    }
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake();
    await Promise.all(this.loops.splice(0));
    this.readers.clear();
  }

  wake(): void {
    for (const waker of this.wakers) waker.wake();
  }

  /** Listeners that have not yet seen stream sequence `last`. */
  behind(last: number): string[] {
    return [...this.readers].filter(([, reader]) => reader.lastSeq < last).map(([name]) => name);
  }

  private async loop(listener: EventListener, reader: Reader): Promise<void> {
    const waker = new Waker();
    this.wakers.add(waker);
    let failures = 0;
    try {
      while (this.running) {
        let consumerName: string | undefined;
        let jsm: JetStreamManager | undefined;
        try {
          const nats = await this.connection();
          jsm = nats.jsm;
          if (reader.lastSeq < 0) {
            // "Now": everything up to the current end counts as seen.
            reader.lastSeq = (await jsm.streams.info(this.stream)).state.last_seq;
          }
          let first = true;
          const typeAt = this.subjects.length - 1; // subjects is `<prefix>.>`
          while (this.running) {
            // From the process's shared read while it holds what follows; else through a consumer
            // of the listener's own, made when needed.
            let messages = await this.tap?.after(reader.lastSeq, CONSUMER_BATCH);
            if (messages && consumerName) {
              await jsm.consumers.delete(this.stream, consumerName).catch(() => undefined);
              consumerName = undefined;
            }
            if (!messages) {
              if (!consumerName) {
                consumerName = await addEphemeralReader(
                  jsm,
                  this.stream,
                  this.subjects,
                  'corkboard_listener',
                  reader.lastSeq + 1,
                );
                first = true;
              }
              messages = await pullAvailable(
                nats.nc,
                this.stream,
                consumerName,
                CONSUMER_BATCH,
                PULL_TIMEOUT_MS,
              );
              // A fresh reader accepts where the stream starts (older messages may have expired).
              if (messages.length > 0 && !first && messages[0]!.seq !== reader.lastSeq + 1)
                throw new GapError('messages lost in flight');
              if (messages.length > 0) first = false;
            }
            failures = 0;
            if (messages.length === 0) {
              await waker.sleep(IDLE_POLL_MS);
              continue;
            }
            const events: LoggedEvent[] = [];
            for (const message of messages) {
              // Decoded only when wanted: the subject names the type.
              if (!wants(listener, message.subject.slice(typeAt) as EventType)) continue;
              const event = JSON.parse(decoder.decode(message.data)) as CorkboardEvent;
              events.push({ ...event, position: BigInt(message.seq) });
            }
            await this.deliver(listener, events);
            reader.lastSeq = messages[messages.length - 1]!.seq;
          }
        } catch (error) {
          failures++;
          if (!(error instanceof GapError) && (failures === 1 || failures % 20 === 0)) {
            this.log.warn(
              { err: error, failures },
              `events: listener ${listener.name} lost the stream; retrying`,
            );
          }
          await waker.sleep(backoff(failures, 5000));
        } finally {
          if (consumerName && jsm)
            await jsm.consumers.delete(this.stream, consumerName).catch(() => undefined);
        }
      }
    } finally {
      this.wakers.delete(waker);
    }
  }

  private async deliver(listener: EventListener, events: LoggedEvent[]): Promise<void> {
    if (events.length === 0) return;
    try {
      await listener.onEvents(events);
    } catch (error) {
      // A listener keeps an in-memory view; a failure must not stall it, so the batch is skipped.
      this.log.error({ err: error }, `events: listener ${listener.name} failed; batch skipped`);
    }
  }
}
