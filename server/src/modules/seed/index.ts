// The seed module: the demo world on first start, and synthetic worlds for benchmarks.
export {
  DEMO_SIZE,
  type DemoOptions,
  type DemoOutcome,
  type DemoSeed,
  seedDemo,
  startDemoSeed,
} from './demo.ts';
// Pure world planning, for evaluations that need a structured world without a database.
export { Timeline } from './id-minter.ts';
export { counterMismatches, tableCounts } from './repo.ts';
export { formatSummary, type SyntheticOptions, type SyntheticSummary, seedSynthetic } from './synthetic.ts';
export { TOPICS, type Topic } from './topics.ts';
export { planWorld, type World, type WorldSize } from './world.ts';
