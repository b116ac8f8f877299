// Turns a planned world into table rows, in batches: ids from the run's slot and the timeline,
// text regenerated per pin from the seed (so nothing big is kept), counters from the plan. Pure.
import { LRUCache } from 'lru-cache';
import { STREAM, syntheticId, type Timeline } from './id-minter.ts';
import { COMMENTS } from './names.ts';
import { hash32, Rng } from './random.ts';
import type { Row } from './repo.ts';
import { boardDescription, type PinText, pinText } from './text.ts';
import { WINDOWS, type World } from './world.ts';

export interface ImageRef {
  id: string;
  dominantColor: string;
}

export interface RowOptions {
  slot: number;
  timeline: Timeline;
  /** Images per topic, in TOPICS order; every topic needs at least one. */
  images: ImageRef[][];
  /** password_hash per user index; users without one cannot log in ("!" is no valid hash). */
  passwordHash?: (user: number) => string | undefined;
  /** Appended to usernames (keeps runs apart), e.g. "_r3". */
  usernameSuffix: string;
  emailDomain: string;
  /** What a save copies from its pin: everything (as the app does), or the title and link only. */
  saveText: 'full' | 'title';
  batchSize: number;
}

/** Originals whose text saves reuse (a few hundred bytes each). */
const SAVED_TEXTS = 200_000;

const REACTION_KINDS = ['like', 'love', 'haha', 'wow', 'thanks', 'good_idea'];

function* batched(
  n: number,
  size: number,
  row: (i: number) => Row,
  keep?: (i: number) => boolean,
): Generator<Row[]> {
  let batch: Row[] = [];
  for (let i = 0; i < n; i++) {
    if (keep && !keep(i)) continue;
    batch.push(row(i));
    if (batch.length === size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

/**
 * A share of a table's rows for one of several parallel writers: rows of users whose index is
 * `part` modulo `parts`. Writers then lock disjoint users and boards in their foreign-key checks.
 */
export interface Part {
  part: number;
  parts: number;
}

const iso = (ms: number) => new Date(ms).toISOString();

export class WorldRows {
  readonly userIds: string[];
  readonly boardIds: string[];
  readonly pinIds: string[];
  private readonly savedTexts = new LRUCache<number, PinText>({ max: SAVED_TEXTS });

  constructor(
    private readonly world: World,
    private readonly o: RowOptions,
  ) {
    const { size } = world;
    this.userIds = Array.from({ length: size.users }, (_, u) => syntheticId(this.userMs(u), o.slot));
    this.boardIds = Array.from({ length: size.boards }, (_, b) => syntheticId(this.boardMs(b), o.slot));
    this.pinIds = Array.from({ length: size.pins }, (_, i) => syntheticId(this.pinMs(i), o.slot));
  }

  userMs(u: number): number {
    return this.o.timeline.at(STREAM.users, u, this.world.size.users, ...WINDOWS.users);
  }
  boardMs(b: number): number {
    return this.o.timeline.at(STREAM.boards, b, this.world.size.boards, ...WINDOWS.boards);
  }
  pinMs(i: number): number {
    return this.o.timeline.at(STREAM.pins, i, this.world.size.pins, ...WINDOWS.pins);
  }
  saveMs(j: number): number {
    return this.o.timeline.at(STREAM.saves, j, this.world.size.saves, ...WINDOWS.saves, true);
  }
  saveId(j: number): string {
    return syntheticId(this.saveMs(j), this.o.slot);
  }

  username(u: number): string {
    return `${this.world.people[u]!.username}${this.o.usernameSuffix}`;
  }

  private topicOfPin(i: number): number {
    return this.world.boardTopic[this.world.pinBoard[i]!]!;
  }

  /** The text of original i, the same every time it is asked for. */
  text(i: number): PinText {
    return pinText(this.world.topics[this.topicOfPin(i)]!, new Rng(this.world.seed, 'pin', i));
  }

  /**
   * text(i), remembered for the most recently saved originals: saves cluster on popular pins
   * (Zipf), and regenerating the text was a third of the time a save row took to make.
   */
  private savedText(i: number): PinText {
    let text = this.savedTexts.get(i);
    if (text === undefined) {
      text = this.text(i);
      this.savedTexts.set(i, text);
    }
    return text;
  }

  image(i: number): ImageRef {
    const pool = this.o.images[this.topicOfPin(i)]!;
    return pool[hash32(this.world.seed, 'image', i) % pool.length]!;
  }

  users(): Generator<Row[]> {
    const { world, o } = this;
    const c = world.counts;
    return batched(world.size.users, o.batchSize, (u) => {
      const at = iso(this.userMs(u));
      const name = this.username(u);
      return [
        this.userIds[u]!,
        name,
        `${name}@${o.emailDomain}`,
        o.passwordHash?.(u) ?? '!',
        world.people[u]!.displayName,
        world.abouts[u]!,
        c.userBoards[u]!,
        c.userPins[u]!,
        c.userFollowers[u]!,
        c.userFollowing[u]!,
        at,
        at,
      ];
    });
  }

  boards(): Generator<Row[]> {
    const { world, o } = this;
    return batched(world.size.boards, o.batchSize, (b) => {
      const at = iso(this.boardMs(b));
      const topic = world.topics[world.boardTopic[b]!]!;
      const description = boardDescription(topic, world.boardName[b]!, new Rng(world.seed, 'board', b));
      const owner = this.userIds[world.boardOwner[b]!]!;
      const counts = [world.counts.boardPins[b]!, world.counts.boardFollowers[b]!];
      return [this.boardIds[b]!, owner, world.boardName[b]!, description, ...counts, at, at, at];
    });
  }

  private pinKeep(share?: Part) {
    const { world } = this;
    return share && ((i: number) => world.boardOwner[world.pinBoard[i]!]! % share.parts === share.part);
  }

  private saveKeep(share?: Part) {
    const { world } = this;
    return share && ((j: number) => world.boardOwner[world.saveBoard[j]!]! % share.parts === share.part);
  }

  /** Original pins. */
  pins(share?: Part): Generator<Row[]> {
    const { world, o } = this;
    const c = world.counts;
    return batched(
      world.size.pins,
      o.batchSize,
      (i) => {
        const ms = this.pinMs(i);
        const at = iso(ms);
        const board = world.pinBoard[i]!;
        const t = this.text(i);
        const id = this.pinIds[i]!;
        const owner = this.userIds[world.boardOwner[board]!]!;
        const color = this.image(i).dominantColor;
        const counts = [c.pinSaves[i]!, c.pinComments[i]!, c.pinReactions[i]!];
        return [
          id,
          owner,
          this.boardIds[board]!,
          null,
          id,
          t.title,
          t.description,
          t.link,
          t.altText,
          color,
          'image',
          ms,
          ...counts,
          at,
          at,
        ];
      },
      this.pinKeep(share),
    );
  }

  pinImages(share?: Part): Generator<Row[]> {
    const row = (i: number): Row => [this.pinIds[i]!, 0, this.image(i).id];
    return batched(this.world.size.pins, this.o.batchSize, row, this.pinKeep(share));
  }

  saves(share?: Part): Generator<Row[]> {
    const { world, o } = this;
    return batched(
      world.size.saves,
      o.batchSize,
      (j) => {
        const ms = this.saveMs(j);
        const at = iso(ms);
        const origin = world.saveOrigin[j]!;
        const parent = world.saveParent[j]!;
        const board = world.saveBoard[j]!;
        const t = this.savedText(origin);
        const full = o.saveText === 'full';
        return [
          this.saveId(j),
          this.userIds[world.boardOwner[board]!]!,
          this.boardIds[board]!,
          parent >= 0 ? this.saveId(parent) : this.pinIds[origin]!,
          this.pinIds[origin]!,
          t.title,
          full ? t.description : '',
          t.link,
          full ? t.altText : null,
          this.image(origin).dominantColor,
          'image',
          ms,
          world.counts.saveSaves[j]!,
          0,
          0,
          at,
          at,
        ];
      },
      this.saveKeep(share),
    );
  }

  saveImages(share?: Part): Generator<Row[]> {
    const { world } = this;
    const row = (j: number): Row => [this.saveId(j), 0, this.image(world.saveOrigin[j]!).id];
    return batched(world.size.saves, this.o.batchSize, row, this.saveKeep(share));
  }

  /** A time after both `a` and `b` (ms), before the window ends. */
  private after(a: number, b: number, key: number, salt: string): string {
    const from = Math.max(a, b);
    const span = this.o.timeline.endMs - from;
    return iso(from + (hash32(this.world.seed, salt, key) / 4294967296) * span);
  }

  follows(): Generator<Row[]> {
    const f = this.world.follows;
    return batched(f.length, this.o.batchSize, (k) => [
      this.userIds[f.a[k]!]!,
      this.userIds[f.b[k]!]!,
      this.after(this.userMs(f.a[k]!), this.userMs(f.b[k]!), k, 'follow'),
    ]);
  }

  boardFollows(): Generator<Row[]> {
    const f = this.world.boardFollows;
    return batched(f.length, this.o.batchSize, (k) => [
      this.userIds[f.a[k]!]!,
      this.boardIds[f.b[k]!]!,
      this.after(this.userMs(f.a[k]!), this.boardMs(f.b[k]!), k, 'board-follow'),
    ]);
  }

  comments(): Generator<Row[]> {
    const { world, o } = this;
    const c = world.comments;
    return batched(c.length, o.batchSize, (k) => {
      const ms = o.timeline.at(STREAM.comments, k, c.length, ...WINDOWS.comments);
      const line = COMMENTS[c.line[k]! % COMMENTS.length]!;
      return [syntheticId(ms, o.slot), this.pinIds[c.a[k]!]!, this.userIds[c.b[k]!]!, line, iso(ms)];
    });
  }

  reactions(): Generator<Row[]> {
    const { world, o } = this;
    const r = world.reactions;
    return batched(r.length, o.batchSize, (k) => [
      this.pinIds[r.a[k]!]!,
      this.userIds[r.b[k]!]!,
      REACTION_KINDS[r.kind[k]!]!,
      this.after(this.pinMs(r.a[k]!), this.userMs(r.b[k]!), k, 'reaction'),
    ]);
  }
}
