// Plans a world before any of it is written: who the users are and what they like, their boards,
// the pins, who saved what to which board, follows, comments and reactions, and every count those
// imply. Everything is indexes in typed arrays, so a plan of a million pins and ten million saves
// fits in a few hundred MB. The structure is what a recommender can find: users have interests,
// boards have a topic and theme, pin popularity is Zipf-distributed, and saves go mostly to pins
// of the saving board's own theme. Pure: the same size and seed give the same world.
import { STREAM, type Timeline } from './id-minter.ts';
import { about, type Person, person } from './names.ts';
import { permutation, Rng } from './random.ts';
import { TOPICS, type Topic } from './topics.ts';
import { Zipf } from './zipf.ts';

export interface WorldSize {
  users: number;
  boards: number;
  /** Original pins. */
  pins: number;
  saves: number;
  comments?: number;
  reactions?: number;
  /** Average users each user follows. */
  followsPerUser?: number;
  /** Average boards each user follows. */
  boardFollowsPerUser?: number;
}

/** Where in the time window each kind of row falls (fractions of the window). */
export const WINDOWS = {
  users: [0, 0.1],
  boards: [0.1, 0.2],
  pins: [0.2, 1],
  saves: [0.25, 1],
  comments: [0.3, 1],
} as const;

/** Distinct rows of a relation as parallel arrays. */
export interface Pairs {
  a: Uint32Array;
  b: Uint32Array;
  length: number;
}

export interface World {
  size: Required<WorldSize>;
  seed: string;
  topics: readonly Topic[];
  people: Person[];
  abouts: string[];
  boardOwner: Uint32Array;
  boardTopic: Uint8Array;
  boardName: string[];
  /** Board of each original pin. */
  pinBoard: Uint32Array;
  /** Original each save is of, the save it was saved from (-1: the original), and its board. */
  saveOrigin: Uint32Array;
  saveParent: Int32Array;
  saveBoard: Uint32Array;
  /** follower → followee */
  follows: Pairs;
  /** user → board */
  boardFollows: Pairs;
  /** pin → author, and the comment line */
  comments: Pairs & { line: Uint16Array };
  /** pin → user, and the reaction kind */
  reactions: Pairs & { kind: Uint8Array };
  counts: {
    userBoards: Uint32Array;
    userPins: Uint32Array;
    userFollowers: Uint32Array;
    userFollowing: Uint32Array;
    boardPins: Uint32Array;
    boardFollowers: Uint32Array;
    pinSaves: Uint32Array;
    saveSaves: Uint32Array;
    pinComments: Uint32Array;
    pinReactions: Uint32Array;
  };
}

function pairs(capacity: number): Pairs {
  return { a: new Uint32Array(capacity), b: new Uint32Array(capacity), length: 0 };
}

function push(p: Pairs, a: number, b: number): void {
  p.a[p.length] = a;
  p.b[p.length] = b;
  p.length++;
}

/** Groups 0..n-1 by key into one array (compressed rows): members of key k are at start[k]..start[k+1]. */
function group(n: number, keys: number, keyOf: (i: number) => number, rng: Rng) {
  const start = new Uint32Array(keys + 1);
  for (let i = 0; i < n; i++) start[keyOf(i) + 1]!++;
  for (let k = 0; k < keys; k++) start[k + 1]! += start[k]!;
  const fill = start.slice(0, keys);
  const members = new Uint32Array(n);
  for (let i = 0; i < n; i++) members[fill[keyOf(i)]!++] = i;
  // Within a group, order is popularity rank: shuffled, so rank has nothing to do with age.
  for (let k = 0; k < keys; k++) rng.shuffle(members.subarray(start[k]!, start[k + 1]!));
  const samplers = Array.from({ length: keys }, (_, k) => {
    const size = start[k + 1]! - start[k]!;
    return size > 0 ? new Zipf(size, 1) : undefined;
  });
  return { start, members, samplers };
}

const THEMES = 16; // per topic, at most

export function planWorld(
  input: WorldSize,
  seed: string,
  timeline: Timeline,
  options: { firstUserMostActive?: boolean } = {},
): World {
  const size: Required<WorldSize> = {
    comments: 0,
    reactions: 0,
    followsPerUser: 8,
    boardFollowsPerUser: 2,
    ...input,
  };
  const { users: U, boards: B, pins: P, saves: S } = size;
  if (U < 1 || B < 1) throw new RangeError('a world needs at least one user and one board');
  if (P < 1 && S + size.comments + size.reactions > 0) throw new RangeError('saves need pins');
  const topics = TOPICS;
  const T = topics.length;
  const rng = new Rng('world', seed);
  const counts = {
    userBoards: new Uint32Array(U),
    userPins: new Uint32Array(U),
    userFollowers: new Uint32Array(U),
    userFollowing: new Uint32Array(U),
    boardPins: new Uint32Array(B),
    boardFollowers: new Uint32Array(B),
    pinSaves: new Uint32Array(P),
    saveSaves: new Uint32Array(S),
    pinComments: new Uint32Array(P),
    pinReactions: new Uint32Array(P),
  };

  // Users: 1–4 interests each, popular topics more often; activity is Zipf over a shuffled order.
  const topicOrder = permutation(T, rng);
  const topicZipf = new Zipf(T, 0.6);
  const interests: number[][] = [];
  const people: Person[] = [];
  const abouts: string[] = [];
  const taken = new Map<string, number>();
  for (let u = 0; u < U; u++) {
    const wanted = rng.range(1, Math.min(4, T));
    const mine: number[] = [];
    while (mine.length < wanted) {
      const t = topicOrder[topicZipf.index(rng)]!;
      if (!mine.includes(t)) mine.push(t);
    }
    interests.push(mine);
    people.push(person(rng, taken));
    abouts.push(about(rng, topics[mine[0]!]!.label));
  }
  const activity = permutation(U, rng);
  if (options.firstUserMostActive) {
    activity[activity.indexOf(0)] = activity[0]!;
    activity[0] = 0;
  }
  const userZipf = new Zipf(U, 0.8);

  // Boards: everyone gets one while they last, then the active get more; each on an interest.
  const boardOwner = new Uint32Array(B);
  const boardTopic = new Uint8Array(B);
  const boardTheme = new Uint8Array(B);
  const boardName: string[] = [];
  const names = new Map<string, number>();
  for (let b = 0; b < B; b++) {
    const owner = b < U ? activity[b]! : activity[userZipf.index(rng)]!;
    const mine = interests[owner]!;
    const topic = mine[counts.userBoards[owner]! % mine.length]!;
    const theme = rng.int(topics[topic]!.boards.length);
    const plain = topics[topic]!.boards[theme]!;
    const seen = (names.get(`${owner}\u0000${plain}`) ?? 0) + 1;
    names.set(`${owner}\u0000${plain}`, seen);
    boardOwner[b] = owner;
    boardTopic[b] = topic;
    boardTheme[b] = theme;
    boardName.push(seen === 1 ? plain : `${plain} ${seen}`);
    counts.userBoards[owner]!++;
  }
  const boardsOfUser = group(B, U, (b) => boardOwner[b]!, rng);
  const bySaver = Array.from({ length: U }, (_, i) => activity[i]!).filter((u) => counts.userBoards[u]! > 0);
  const saverZipf = new Zipf(bySaver.length, 0.8);

  // Original pins go to boards by Zipf over a shuffled board order: some boards fill up.
  const boardOrder = permutation(B, rng);
  const boardZipf = new Zipf(B, 0.8);
  const pinBoard = new Uint32Array(P);
  for (let i = 0; i < P; i++) {
    const b = boardOrder[boardZipf.index(rng)]!;
    pinBoard[i] = b;
    counts.boardPins[b]!++;
    counts.userPins[boardOwner[b]!]!++;
  }
  const themeOf = (i: number) => boardTopic[pinBoard[i]!]! * THEMES + boardTheme[pinBoard[i]!]!;
  const byTheme = group(P, T * THEMES, themeOf, rng);
  const byTopic = group(P, T, (i) => boardTopic[pinBoard[i]!]!, rng);
  const everything = group(P, 1, () => 0, rng);
  const pinMs = (i: number) => timeline.at(STREAM.pins, i, P, ...WINDOWS.pins);

  /** A popular pin among the first `eligible` (those that exist by then): mostly of the theme, else the topic. */
  const popularPin = (themeKey: number, topic: number, eligible: number, notOwner: number) => {
    for (let attempt = 0; attempt < 30; attempt++) {
      const r = rng.next();
      const g = r < 0.7 && themeKey >= 0 ? byTheme : r < 0.9 ? byTopic : everything;
      const key = g === byTheme ? themeKey : g === byTopic ? topic : 0;
      const sampler = g.samplers[key];
      if (!sampler) continue;
      const i = g.members[g.start[key]! + sampler.index(rng)]!;
      if (i < eligible && boardOwner[pinBoard[i]!] !== notOwner) return i;
    }
    return rng.int(Math.max(1, eligible));
  };

  // Saves, in time order: each is of a pin that already exists, onto one of the saver's boards.
  const saveOrigin = new Uint32Array(S);
  const saveParent = new Int32Array(S);
  const saveBoard = new Uint32Array(S);
  const lastSave = new Int32Array(P).fill(-1);
  let eligible = 0;
  for (let j = 0; j < S; j++) {
    const at = timeline.at(STREAM.saves, j, S, ...WINDOWS.saves, true);
    while (eligible < P && pinMs(eligible) < at) eligible++;
    const saver = bySaver[saverZipf.index(rng)]!;
    const mine = boardsOfUser.members.subarray(boardsOfUser.start[saver]!, boardsOfUser.start[saver + 1]!);
    const board = mine[rng.int(mine.length)]!;
    const i = popularPin(
      boardTopic[board]! * THEMES + boardTheme[board]!,
      boardTopic[board]!,
      eligible,
      saver,
    );
    const parent = lastSave[i]! >= 0 && rng.chance(0.2) ? lastSave[i]! : -1;
    saveOrigin[j] = i;
    saveParent[j] = parent;
    saveBoard[j] = board;
    lastSave[i] = j;
    counts.pinSaves[i]!++;
    if (parent >= 0) counts.saveSaves[parent]!++;
    counts.boardPins[board]!++;
    counts.userPins[saver]!++;
  }

  // Follows: mostly people who share an interest, popular people more often.
  const usersByTopic = Array.from({ length: T }, () => [] as number[]);
  for (let rank = 0; rank < U; rank++)
    for (const t of interests[activity[rank]!]!) usersByTopic[t]!.push(activity[rank]!);
  const topicUserZipf = usersByTopic.map((list) =>
    list.length > 0 ? new Zipf(list.length, 0.8) : undefined,
  );
  const follows = pairs(Math.ceil(U * Math.min(U - 1, size.followsPerUser * 1.6)) + 1);
  for (let u = 0; u < U && U > 1; u++) {
    const wanted = Math.min(U - 1, Math.round(size.followsPerUser * (0.4 + rng.next() * 1.2)));
    const chosen = new Set<number>();
    for (let attempt = 0; chosen.size < wanted && attempt < wanted * 4; attempt++) {
      const t = rng.pick(interests[u]!);
      const list = usersByTopic[t]!;
      const v = rng.chance(0.7) ? list[topicUserZipf[t]!.index(rng)]! : activity[userZipf.index(rng)]!;
      if (v !== u) chosen.add(v);
    }
    for (const v of chosen) {
      push(follows, u, v);
      counts.userFollowing[u]!++;
      counts.userFollowers[v]!++;
    }
  }

  // Board follows: boards of one's interests, the ones with more pins more often.
  const boardsByTopic = group(B, T, (b) => boardTopic[b]!, rng);
  const boardFollows = pairs(U * (size.boardFollowsPerUser * 2 + 1));
  for (let u = 0; u < U; u++) {
    const wanted = rng.int(size.boardFollowsPerUser * 2 + 1);
    const chosen = new Set<number>();
    for (let attempt = 0; chosen.size < wanted && attempt < wanted * 4; attempt++) {
      const t = rng.pick(interests[u]!);
      const sampler = boardsByTopic.samplers[t];
      if (!sampler) continue;
      const b = boardsByTopic.members[boardsByTopic.start[t]! + sampler.index(rng)]!;
      if (boardOwner[b] !== u) chosen.add(b);
    }
    for (const b of chosen) {
      push(boardFollows, u, b);
      counts.boardFollowers[b]!++;
    }
  }

  // Comments and reactions, on popular pins, by people other than the pinner.
  const comments = { ...pairs(size.comments), line: new Uint16Array(size.comments) };
  eligible = 0;
  for (let c = 0; c < size.comments; c++) {
    const at = timeline.at(STREAM.comments, c, size.comments, ...WINDOWS.comments);
    while (eligible < P && pinMs(eligible) < at) eligible++;
    const author = activity[userZipf.index(rng)]!;
    const i = popularPin(-1, rng.pick(interests[author]!), eligible, author);
    comments.line[comments.length] = rng.int(65536);
    push(comments, i, author);
    counts.pinComments[i]!++;
  }
  const reactions = { ...pairs(size.reactions), kind: new Uint8Array(size.reactions) };
  const reacted = new Set<number>();
  for (let r = 0; r < size.reactions * 3 && reactions.length < size.reactions; r++) {
    const user = rng.int(U);
    const i = popularPin(-1, rng.pick(interests[user]!), P, user);
    if (reacted.has(i * U + user)) continue;
    reacted.add(i * U + user);
    reactions.kind[reactions.length] = rng.chance(0.6) ? 0 : rng.int(6);
    push(reactions, i, user);
    counts.pinReactions[i]!++;
  }

  return {
    size,
    seed,
    topics,
    people,
    abouts,
    boardOwner,
    boardTopic,
    boardName,
    pinBoard,
    saveOrigin,
    saveParent,
    saveBoard,
    follows,
    boardFollows,
    comments,
    reactions,
    counts,
  };
}
