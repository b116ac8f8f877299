// A synthetic world split for offline evaluation: the seed module's planner makes users with
// interests, boards on those interests, Zipf-popular pins and saves in time order; each evaluated
// user's last saves are held out, and the graph is built from everything else (every original on
// its board, every other save on its board, nodes being canonical pins as in production).
import {
  buildGraph,
  groupByBoard,
  type PruneOptions,
} from '../../server/src/modules/discovery/graph/builder.ts';
import type { GraphSnapshot } from '../../server/src/modules/discovery/graph/csr.ts';
import { planWorld, Timeline, type World } from '../../server/src/modules/seed/index.ts';

export interface HeldOutWorld {
  world: World;
  graph: GraphSnapshot;
  /** Users evaluated, each with their training saves' pins (oldest first) and held-out pins. */
  users: { user: number; history: number[]; heldOut: Set<number> }[];
  /** Training saves per pin (originals count once): the popularity baseline. */
  popularity: Uint32Array;
  /** Each board's pins in the training data (for the co-saved baseline). */
  boardPins: number[][];
  /** Each pin's boards in the training data. */
  pinBoards: number[][];
}

export interface WorldOptions {
  users: number;
  boards: number;
  pins: number;
  saves: number;
  /** Saves held out per evaluated user, and the fewest saves a user needs to be evaluated. */
  holdOut: number;
  minSaves: number;
  seed: string;
  pruning: PruneOptions;
}

export function heldOutWorld(options: WorldOptions): HeldOutWorld {
  const world = planWorld(
    { users: options.users, boards: options.boards, pins: options.pins, saves: options.saves },
    options.seed,
    Timeline.lastDays(90, Date.UTC(2026, 10, 1)),
  );
  const S = world.saveOrigin.length;
  const savesOf: number[][] = Array.from({ length: options.users }, () => []);
  for (let j = 0; j < S; j++) savesOf[world.boardOwner[world.saveBoard[j]!]!]!.push(j);

  const heldOutSave = new Uint8Array(S);
  const users: HeldOutWorld['users'] = [];
  for (let u = 0; u < options.users; u++) {
    const saves = savesOf[u]!;
    if (saves.length < options.minSaves) continue;
    const training = saves.slice(0, -options.holdOut);
    const history = training.map((j) => world.saveOrigin[j]!);
    const seen = new Set(history);
    const heldOut = new Set<number>();
    for (const j of saves.slice(-options.holdOut)) {
      heldOutSave[j] = 1;
      // A pin the user already saved is no discovery: not a target.
      if (!seen.has(world.saveOrigin[j]!)) heldOut.add(world.saveOrigin[j]!);
    }
    if (heldOut.size > 0) users.push({ user: u, history, heldOut });
  }

  const P = world.pinBoard.length;
  const B = world.boardOwner.length;
  const edgePins = new Uint32Array(P + S);
  const edgeBoards = new Uint32Array(P + S);
  const popularity = new Uint32Array(P);
  let e = 0;
  for (let i = 0; i < P; i++) {
    edgePins[e] = i;
    edgeBoards[e++] = world.pinBoard[i]!;
  }
  for (let j = 0; j < S; j++) {
    if (heldOutSave[j]) continue;
    edgePins[e] = world.saveOrigin[j]!;
    edgeBoards[e++] = world.saveBoard[j]!;
    popularity[world.saveOrigin[j]!]!++;
  }
  const boardPins: number[][] = Array.from({ length: B }, () => []);
  const pinBoards: number[][] = Array.from({ length: P }, () => []);
  for (let k = 0; k < e; k++) {
    boardPins[edgeBoards[k]!]!.push(edgePins[k]!);
    pinBoards[edgePins[k]!]!.push(edgeBoards[k]!);
  }
  const grouped = groupByBoard(B, edgePins, edgeBoards, e);
  const boardTopic = Uint8Array.from(world.boardTopic, (t) => t + 1);
  const graph = buildGraph({ pinCount: P, boardCount: B, ...grouped, boardTopic }, options.pruning);
  return { world, graph, users, popularity, boardPins, pinBoards };
}
