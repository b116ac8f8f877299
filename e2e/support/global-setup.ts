// Browser tests run against the built web app: build it once, if web/dist is missing or stale.
import { ensureWebBuilt } from '../../web/tooling/ensure-built.ts';

export default async function setup(): Promise<void> {
  await ensureWebBuilt((line) => console.log(line));
}
