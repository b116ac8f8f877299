// The seeders' pure parts: Zipf shape, determinism by seed, the id minter, the plan's structure and
// counts, and the generated art and text.
import { describe, expect, it } from 'vitest';
import { decodeId } from '../../db/ids.ts';
import { artwork } from './art.ts';
import { STREAM, SYNTHETIC_SHARD, syntheticId, Timeline } from './id-minter.ts';
import { Rng } from './random.ts';
import { pinText } from './text.ts';
import { TOPICS } from './topics.ts';
import { planWorld, type World } from './world.ts';
import { Zipf, zipfProbabilities } from './zipf.ts';

const sum = (a: ArrayLike<number>) => Array.from(a).reduce((x, y) => x + y, 0);

describe('Zipf sampler', () => {
  it('draws ranks with probability proportional to 1/k^s', () => {
    for (const s of [0.8, 1, 1.3]) {
      const n = 50;
      const zipf = new Zipf(n, s);
      const rng = new Rng('zipf', s);
      const counts = new Array<number>(n + 1).fill(0);
      const draws = 200_000;
      for (let i = 0; i < draws; i++) counts[zipf.sample(rng)]!++;
      expect(counts[0]).toBe(0);
      const expected = zipfProbabilities(n, s);
      for (const rank of [1, 2, 3, 5, 10, 50]) {
        const p = expected[rank - 1]!;
        const sd = Math.sqrt((draws * p * (1 - p)) / draws ** 2);
        expect(Math.abs(counts[rank]! / draws - p), `s=${s} rank ${rank}`).toBeLessThan(5 * sd + 1e-4);
      }
      // The power law itself: rank 1 over rank 2 is 2^s, rank 1 over rank 10 is 10^s.
      expect(counts[1]! / counts[2]!).toBeCloseTo(2 ** s, 1);
      expect(Math.log(counts[1]! / counts[10]!) / Math.log(10)).toBeCloseTo(s, 1);
    }
  });

  it('stays within 1..n, including n = 1 and a million ranks', () => {
    const rng = new Rng('bounds');
    expect(new Zipf(1).sample(rng)).toBe(1);
    const big = new Zipf(1_000_000, 1);
    let top = 0;
    for (let i = 0; i < 20_000; i++) {
      const k = big.sample(rng);
      expect(k >= 1 && k <= 1_000_000).toBe(true);
      if (k <= 10) top++;
    }
    // H(10)/H(10^6) ≈ 2.93/14.39: a fifth of all draws land on the top ten of a million.
    expect(top / 20_000).toBeGreaterThan(0.17);
    expect(top / 20_000).toBeLessThan(0.24);
    expect(() => new Zipf(0)).toThrow(RangeError);
  });
});

describe('seeded randomness', () => {
  it('gives the same sequence for the same seed and another for another seed', () => {
    const draw = (seed: string) => {
      const rng = new Rng(seed);
      return Array.from({ length: 8 }, () => rng.next());
    };
    expect(draw('a')).toEqual(draw('a'));
    expect(draw('a')).not.toEqual(draw('b'));
  });
});

describe('id minter', () => {
  it('lays ids out as next_id() does, with shard 1023 and the run slot as sequence', () => {
    const ms = Date.parse('2026-10-01T12:34:56.789Z');
    const decoded = decodeId(syntheticId(ms, 7));
    expect(decoded).toEqual({ createdAt: new Date(ms), shard: SYNTHETIC_SHARD, sequence: 7 });
    expect(() => syntheticId(Date.parse('2025-12-31T00:00:00Z'), 0)).toThrow(RangeError);
  });

  it('gives every row of every stream a millisecond of its own, increasing within a stream', () => {
    const timeline = Timeline.lastDays(90, Date.parse('2026-11-22T00:00:00Z'));
    const seen = new Set<number>();
    let increasing = true;
    for (const stream of Object.values(STREAM)) {
      let previous = -1;
      for (let i = 0; i < 5000; i++) {
        const ms = timeline.at(stream, i, 5000, 0.2, 1, stream === STREAM.saves);
        increasing &&= ms > previous;
        seen.add(ms);
        previous = ms;
      }
    }
    expect(increasing).toBe(true);
    expect(seen.size).toBe(5000 * Object.values(STREAM).length);
    expect(Math.min(...seen)).toBeGreaterThanOrEqual(timeline.startMs);
    expect(Math.max(...seen)).toBeLessThan(timeline.endMs);
  });
});

describe('planned worlds', () => {
  const timeline = Timeline.lastDays(90, Date.parse('2026-11-22T00:00:00Z'));
  const size = { users: 60, boards: 200, pins: 2000, saves: 8000, comments: 300, reactions: 500 };
  const world = planWorld(size, 'test', timeline);

  it('is the same world for the same seed, and another for another seed', () => {
    const again = planWorld(size, 'test', timeline);
    const other = planWorld(size, 'other', timeline);
    const fingerprint = (w: World) => [
      w.people.map((p) => p.username),
      w.boardName,
      w.pinBoard,
      w.saveOrigin,
      w.saveBoard,
    ];
    expect(fingerprint(again)).toEqual(fingerprint(world));
    expect(fingerprint(other)).not.toEqual(fingerprint(world));
  });

  it('counts what it planned', () => {
    const c = world.counts;
    expect(sum(c.userBoards)).toBe(size.boards);
    expect(sum(c.userPins)).toBe(size.pins + size.saves);
    expect(sum(c.boardPins)).toBe(size.pins + size.saves);
    expect(sum(c.pinSaves)).toBe(size.saves);
    expect(sum(c.saveSaves)).toBe(Array.from(world.saveParent).filter((p) => p >= 0).length);
    expect(sum(c.userFollowers)).toBe(world.follows.length);
    expect(sum(c.boardFollowers)).toBe(world.boardFollows.length);
    expect(sum(c.pinComments)).toBe(size.comments);
    expect(sum(c.pinReactions)).toBe(world.reactions.length);
    const names = world.boardName.map((name, b) => `${world.boardOwner[b]}:${name.toLowerCase()}`);
    expect(new Set(names).size).toBe(size.boards);
    expect(new Set(world.people.map((p) => p.username)).size).toBe(size.users);
  });

  it('has structure: popular pins, and saves onto boards of the pin’s own theme', () => {
    const saves = Array.from(world.counts.pinSaves).sort((a, b) => b - a);
    const top = sum(saves.slice(0, size.pins / 100));
    expect(top / size.saves).toBeGreaterThan(0.15); // the top 1% of pins get over 15% of saves
    let sameTopic = 0;
    for (let j = 0; j < size.saves; j++) {
      const origin = world.saveOrigin[j]!;
      if (world.boardTopic[world.pinBoard[origin]!] === world.boardTopic[world.saveBoard[j]!]) sameTopic++;
    }
    expect(sameTopic / size.saves).toBeGreaterThan(0.8);
    // Nobody saves a pin before it exists: the j-th save's original is among those created by then.
    for (let j = 0; j < size.saves; j += 97) {
      const pinMs = timeline.at(STREAM.pins, world.saveOrigin[j]!, size.pins, 0.2, 1);
      expect(pinMs).toBeLessThan(timeline.at(STREAM.saves, j, size.saves, 0.25, 1, true));
    }
  });
});

describe('generated pictures and text', () => {
  it('draws the same SVG for the same topic and variant, and differs by topic', () => {
    const a = artwork(TOPICS[0]!, 3, 480);
    expect(artwork(TOPICS[0]!, 3, 480)).toEqual(a);
    expect(a.width).toBe(480);
    expect(a.svg.startsWith('<svg')).toBe(true);
    const motifs = new Set(TOPICS.map((topic) => topic.motif));
    expect(motifs.size).toBe(TOPICS.length);
    expect(artwork(TOPICS[1]!, 3, 480).svg).not.toBe(a.svg);
    const tall = TOPICS.flatMap((topic) => [0, 1, 2, 3].map((v) => artwork(topic, v, 100))).filter(
      (art) => art.height > art.width,
    );
    expect(tall.length).toBeGreaterThan(TOPICS.length * 2);
  });

  it('writes pin text that reads like a pin', () => {
    const text = pinText(TOPICS.find((t) => t.key === 'recipes')!, new Rng('text'));
    expect(text.title).toMatch(/^[A-Z0-9]/);
    expect(text.title).not.toMatch(/[{}]/);
    expect(text.description).not.toMatch(/[{}]/);
    expect(text.link).toMatch(/^https:\/\/[a-z.]+\.example\/[a-z0-9-]+$/);
  });
});
