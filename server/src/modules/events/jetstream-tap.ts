// One read of the stream per process, shared by its consumer workers. Each worker used to pull
// every message through its own durable consumer, and receiving a message (the client library's
// parsing, the delivery's reply subject) cost more than anything else a consumer did with it. The
// tap reads the stream once, through an ephemeral consumer without acks, and keeps the latest
// messages in a window; a worker whose position is in the window takes the messages right after
// it from there, and one behind the window pulls through its own durable consumer as before.
//
// The window holds consecutive stream sequences only (the stream has no gaps), and a worker is
// handed messages only when they start right after its stored position, so what it applies is
// exactly what its durable consumer would have delivered; its position is still stored with its
// effects, so effects happen once whichever way the messages came.
import { type PulledMessage, pullAvailable } from './jetstream-pull.ts';
import { addEphemeralReader, type Nats } from './jetstream-stream.ts';
import { NATS_TIMEOUT_MS } from './jetstream-workers.ts';

export class StreamTap {
  /** Consecutive stream sequences: window[i].seq === window[0].seq + i. */
  private window: PulledMessage[] = [];
  /** The ephemeral consumer reading the stream, and the sequence it delivers next. */
  private reader: { name: string; next: number; fresh: boolean } | undefined;
  private reading: Promise<void> | undefined;

  /** Messages kept: two reads' worth (workers further behind use their durable consumers). */
  private readonly capacity: number;

  /** `pullSize`: messages asked for per read (a consumer batch). */
  constructor(
    private readonly connection: () => Promise<Nats>,
    private readonly stream: string,
    private readonly subjects: string,
    private readonly pullSize: number,
  ) {
    this.capacity = pullSize * 2;
  }

  /**
   * Up to `max` messages right after stream sequence `after`, in order and without a gap; [] when
   * there are none yet; undefined when the tap cannot serve `after` (behind its window): the caller
   * pulls for itself.
   * The messages are shared: callers must not change them.
   */
  async after(after: number, max: number): Promise<PulledMessage[] | undefined> {
    // A few rounds at most: reads move the tap on until `after` is in or at its window (else the
    // caller pulls for itself).
    for (let round = 0, read = false; round < 4; round++) {
      const place = this.place(after);
      if (place === 'behind') return undefined;
      if (place === 'within') {
        const from = after + 1 - this.window[0]!.seq;
        return this.window.slice(from, from + max);
      }
      if (place === 'front' && read) return [];
      if (this.reading) {
        // Another worker's read: look again once it is in.
        await this.reading;
        read = place === 'front';
        continue;
      }
      this.reading = this.read(after).finally(() => {
        this.reading = undefined;
      });
      await this.reading;
      read = true;
    }
    return undefined;
  }

  /**
   * Where `after` is: its next message is in the window ('within'); it is the last message the
   * tap has seen ('front': reading on may bring more); the tap is past it ('behind'); or the tap
   * has not got to it ('ahead': the tap reads on, or starts over there).
   */
  private place(after: number): 'within' | 'front' | 'behind' | 'ahead' {
    const first = this.window[0]?.seq;
    const end = this.frontier();
    if (end === undefined || after > end) return 'ahead';
    if (after === end) return 'front';
    return first !== undefined && after + 1 >= first ? 'within' : 'behind';
  }

  /** The last stream sequence the tap has read (the window's end), undefined before a read. */
  private frontier(): number | undefined {
    return (
      this.window.at(-1)?.seq ?? (this.reader && this.reader.next > 0 ? this.reader.next - 1 : undefined)
    );
  }

  /** Lets go of the reader and the window. */
  async close(): Promise<void> {
    const reader = this.reader;
    this.reader = undefined;
    this.window = [];
    if (!reader) return;
    const { jsm } = await this.connection();
    await jsm.consumers.delete(this.stream, reader.name).catch(() => undefined);
  }

  /**
   * Reads on from the front. A worker ahead of it by less than a read (it caught up through its
   * durable consumer while the others lingered) is reached by reading on, which keeps the window
   * for the others; one further ahead, or the first, starts the tap over just after it.
   */
  private async read(after: number): Promise<void> {
    try {
      const nats = await this.connection();
      const end = this.frontier();
      const next = end === undefined || after - end > this.pullSize ? after + 1 : end + 1;
      if (next !== (end ?? -1) + 1) this.window = [];
      // A new reader also after a gap (lost in flight), from the front.
      if (this.reader?.next !== next) await this.startReader(nats, next);
      const reader = this.reader!;
      const messages = await pullAvailable(nats.nc, this.stream, reader.name, this.pullSize, NATS_TIMEOUT_MS);
      if (messages.length === 0) return;
      // A new reader starts where the stream does if older messages expired; any other gap means
      // messages were lost in flight, and the reader starts over after the last one kept.
      let kept = 0;
      if (reader.fresh || messages[0]!.seq === reader.next) {
        kept = 1;
        while (kept < messages.length && messages[kept]!.seq === messages[kept - 1]!.seq + 1) kept++;
      }
      if (kept === 0) {
        this.reader = { ...reader, next: -1 };
        return;
      }
      if (reader.fresh && messages[0]!.seq !== next) this.window = [];
      const taken = kept === messages.length ? messages : messages.slice(0, kept);
      const window = this.window.length === 0 ? taken : this.window.concat(taken);
      this.window = window.length > this.capacity ? window.slice(window.length - this.capacity) : window;
      const last = taken[taken.length - 1]!.seq;
      this.reader =
        kept === messages.length ? { ...reader, next: last + 1, fresh: false } : { ...reader, next: -1 };
    } catch (error) {
      // Not waited for: NATS may be gone (the reader expires by itself then).
      void this.close().catch(() => undefined);
      throw error;
    }
  }

  private async startReader(nats: Nats, next: number): Promise<void> {
    const old = this.reader;
    this.reader = undefined;
    if (old) await nats.jsm.consumers.delete(this.stream, old.name).catch(() => undefined);
    const name = await addEphemeralReader(nats.jsm, this.stream, this.subjects, 'corkboard_tap', next);
    this.reader = { name, next, fresh: true };
  }
}
