// The seed module: the demo world on first start, and synthetic worlds for benchmarks.
export {
  DEMO_SIZE,
  type DemoOptions,
  type DemoOutcome,
  type DemoSeed,
  seedDemo,
  startDemoSeed,
} from './demo.ts';
export { counterMismatches, tableCounts } from './repo.ts';
export { formatSummary, type SyntheticOptions, type SyntheticSummary, seedSynthetic } from './synthetic.ts';
