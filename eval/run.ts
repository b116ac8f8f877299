// npm run eval -- NAME [NAME …]: runs offline evaluations; each prints one JSON object per line:
// {"bench": "eval-NAME", "metric": "...", "value": n, "unit": "..."}.
import fs from 'node:fs';
import path from 'node:path';

const here = path.dirname(new URL(import.meta.url).pathname);
const available = fs
  .readdirSync(path.join(here, 'suites'))
  .filter((f) => f.endsWith('.ts'))
  .map((f) => f.slice(0, -3))
  .sort();

const names = process.argv.slice(2);
if (names.length === 0 || names.some((n) => !available.includes(n))) {
  console.error(`Usage: npm run eval -- NAME [NAME …]\nEvaluations: ${available.join(', ')}`);
  process.exit(2);
}
for (const name of names) {
  const suite = (await import(path.join(here, 'suites', `${name}.ts`))) as { run(): Promise<void> };
  await suite.run();
}
