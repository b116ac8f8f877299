// Support for tests that throw many generated requests at an app: a seeded generator (the same
// cases on every run), an app builder that lets a test add routes before ready(), and a checker
// for the API's error contract.
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import type { Config } from '../config.ts';
import { startTestApp, type TestApp } from './harness.ts';

/** startTestApp, but `register` may add test-only routes before the app is made ready. */
export function startAppWith(
  register: (app: FastifyInstance) => void,
  overrides: Partial<Config> = {},
): Promise<TestApp> {
  return startTestApp(overrides, register);
}

const CODE_POINT_RANGES: [number, number][] = [
  [0x20, 0x7e],
  [0x00, 0x1f], // controls, NUL included
  [0xa0, 0x17f],
  [0x300, 0x36f], // combining marks
  [0x590, 0x6ff], // Hebrew and Arabic (right to left)
  [0x4e00, 0x4fff],
  [0xd800, 0xdfff], // lone surrogates
  [0xfeff, 0xffff], // byte order mark, specials, noncharacters
  [0x1f600, 0x1f64f],
];

export type Generator = ReturnType<typeof generator>;

/** Mulberry32: small, seeded, and the same sequence on every run. */
export function generator(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = <T>(list: readonly T[]): T => list[int(0, list.length - 1)]!;
  const str = (length: number, alphabet: string) =>
    Array.from({ length }, () => alphabet[int(0, alphabet.length - 1)]).join('');
  /** Any code points, lone surrogates and NUL included. */
  const unicode = (length: number) =>
    Array.from({ length }, () => {
      const [lo, hi] = pick(CODE_POINT_RANGES);
      return String.fromCodePoint(int(lo, hi));
    }).join('');
  /** Percent-encoded unicode text, safe to put in a URL. */
  const encoded = (length: number) =>
    encodeURIComponent(unicode(length).replace(/[\ud800-\udfff]/g, '') || 'é');
  return { next, int, pick, str, unicode, encoded };
}

export interface Case {
  req: InjectOptions;
  /** Acceptable statuses. */
  status: number[];
  /** Acceptable `code` values of an error body; any integer when omitted. */
  code?: number[];
}

export const invalidCase = (req: InjectOptions): Case => ({ req, status: [400], code: [1] });

/** What is wrong with a response, or undefined: no 5xx, the expected status, a {code, message} body. */
export function contractProblem(c: Case, res: LightMyRequestResponse): string | undefined {
  const snippet = res.body.slice(0, 160);
  if (res.statusCode >= 500) return `server error ${res.statusCode}: ${snippet}`;
  if (!c.status.includes(res.statusCode)) return `status ${res.statusCode}, expected ${c.status}: ${snippet}`;
  if (res.statusCode < 400 || c.req.method === 'HEAD') return undefined;
  if (!String(res.headers['content-type']).startsWith('application/json')) {
    return `content-type ${res.headers['content-type']}`;
  }
  let body: unknown;
  try {
    body = JSON.parse(res.body);
  } catch {
    return `body is not JSON: ${snippet}`;
  }
  const { code, message } = (body ?? {}) as { code?: unknown; message?: unknown };
  const keys = Object.keys(body ?? {}).sort();
  if (keys.join() !== 'code,message' || !Number.isInteger(code) || typeof message !== 'string') {
    return `body is not {code, message}: ${snippet}`;
  }
  if (c.code && !c.code.includes(code as number)) return `code ${code}, expected ${c.code}`;
  return undefined;
}

/** Sends the cases in order; one line per case that broke the contract. */
export async function sendAll(app: FastifyInstance, cases: Case[]): Promise<string[]> {
  const failures: string[] = [];
  for (const c of cases) {
    const problem = contractProblem(c, await app.inject(c.req));
    if (problem) {
      const payload = c.req.payload === undefined ? '' : ` ${JSON.stringify(c.req.payload).slice(0, 100)}`;
      failures.push(`${c.req.method ?? 'GET'} ${String(c.req.url).slice(0, 100)}${payload} -> ${problem}`);
    }
  }
  return failures;
}
