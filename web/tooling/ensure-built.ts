// `npm start`'s first step (prestart): builds the web app only when web/dist is missing or older
// than its sources, so a start with an up-to-date build costs a few file stats.
import { build } from 'vite';
import { isStale, WEB_DIR } from './freshness.ts';

export async function ensureWebBuilt(log: (line: string) => void = console.log): Promise<boolean> {
  if (!isStale()) return false;
  log('Building the web app (web/dist is missing or older than web/)…');
  const started = performance.now();
  // A production build even when called from a test runner, which sets NODE_ENV=test (React's
  // development build would ship, larger and with development-only warnings).
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: `${WEB_DIR}/vite.config.ts`, mode: 'production', logLevel: 'warn' });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
  log(`Web app built in ${Math.round(performance.now() - started)} ms.`);
  return true;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  ensureWebBuilt().catch((error: unknown) => {
    console.error('Building the web app failed:', error);
    process.exit(1);
  });
}
