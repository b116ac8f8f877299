// Fetches an image_url without becoming a proxy into the server's own network (SSRF). The address
// is checked where the connection is made: IP literals before connecting, host names inside the
// socket's own DNS lookup (so the address checked is the address connected to, and a name that
// re-resolves differently later cannot slip through), and the connected socket's remote address
// once more. Every redirect is a new request through the same checks. Bytes are capped while they
// stream and the whole exchange, redirects included, has one deadline.
import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { type AllowEntry, parseIp, refusal } from './ip-ranges.ts';

export interface ResolvedAddress {
  address: string;
  family: number;
}

/** Resolves a host name to addresses (the system resolver unless a test supplies its own). */
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

export const systemResolver: Resolver = (hostname) =>
  dns.promises.lookup(hostname, { all: true, verbatim: true });

export interface FetchPolicy {
  maxBytes: number;
  /** One deadline for the whole fetch, redirects included. */
  timeoutMs: number;
  /** Time allowed for each TCP (and TLS) connection; defaults to min(timeoutMs, 5 s). */
  connectTimeoutMs?: number;
  allowList: readonly AllowEntry[];
  maxRedirects?: number;
  resolve?: Resolver;
  userAgent?: string;
}

/** A fetch that was refused or failed; the message is meant for the API client. */
export class FetchRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FetchRefusedError';
  }
}

const refused = (message: string) => new FetchRefusedError(message);
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

function targetOf(raw: string, base?: URL): URL {
  let url: URL;
  try {
    url = new URL(raw, base);
  } catch {
    throw refused('The image URL is not a valid URL.');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw refused('The image URL must use http or https.');
  if (url.username || url.password) throw refused('The image URL must not contain credentials.');
  return url;
}

export interface FetchedImage {
  bytes: Buffer;
  /** The URL the bytes came from, after redirects. */
  url: string;
}

export async function fetchImage(rawUrl: string, policy: FetchPolicy): Promise<FetchedImage> {
  const maxRedirects = policy.maxRedirects ?? 3;
  const controller = new AbortController();
  const deadline = setTimeout(() => controller.abort(), policy.timeoutMs);
  try {
    let url = targetOf(rawUrl);
    for (let redirects = 0; ; redirects++) {
      const outcome = await requestOnce(url, policy, controller.signal);
      if ('bytes' in outcome) return { bytes: outcome.bytes, url: url.toString() };
      if (redirects >= maxRedirects)
        throw refused(`The image URL redirected more than ${maxRedirects} times.`);
      url = targetOf(outcome.location, url);
    }
  } finally {
    clearTimeout(deadline);
  }
}

type Outcome = { bytes: Buffer } | { location: string };

function requestOnce(url: URL, policy: FetchPolicy, signal: AbortSignal): Promise<Outcome> {
  const hostname = url.hostname.replace(/^\[|\]$/g, '');
  const port = url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80;
  const check = (address: string) => refusal(policy.allowList, { hostname, port, address });
  const resolve = policy.resolve ?? systemResolver;

  return new Promise<Outcome>((settle, fail) => {
    // IP literals never reach the lookup below (the socket connects to them directly).
    if (parseIp(hostname)) {
      const reason = check(hostname);
      if (reason) return fail(refused(`The image URL points at ${reason}, which is not allowed.`));
    }
    let blocked: string | undefined;
    const lookup: LookupFunction = (host, options, callback) => {
      resolve(host).then(
        (addresses) => {
          const family = options.family === 4 || options.family === 6 ? options.family : 0;
          const candidates = addresses.filter((a) => family === 0 || a.family === family);
          const permitted = candidates.filter((a) => check(a.address) === undefined);
          const first = permitted[0];
          if (!first) {
            blocked = candidates[0] ? check(candidates[0].address) : undefined;
            const error: NodeJS.ErrnoException = new Error(`no permitted address for ${host}`);
            error.code = blocked ? 'ECORKBOARDBLOCKED' : 'ENOTFOUND';
            return callback(error, '', 0);
          }
          if (options.all) return callback(null, permitted);
          return callback(null, first.address, first.family);
        },
        (error: NodeJS.ErrnoException) => callback(error, '', 0),
      );
    };

    const client = url.protocol === 'https:' ? https : http;
    const request = client.request(url, {
      method: 'GET',
      agent: false,
      lookup,
      signal,
      headers: {
        'user-agent': policy.userAgent ?? 'Corkboard image fetcher',
        accept: 'image/avif,image/webp,image/png,image/jpeg,image/gif;q=0.9,*/*;q=0.1',
        'accept-encoding': 'identity',
      },
    });

    const abandon = (error: Error) => {
      fail(error);
      request.destroy();
    };

    request.on('socket', (socket) => {
      const connectTimeout = policy.connectTimeoutMs ?? Math.min(policy.timeoutMs, 5000);
      const timer = setTimeout(
        () => abandon(refused('Connecting to the image URL timed out.')),
        connectTimeout,
      );
      socket.once('close', () => clearTimeout(timer));
      socket.once('connect', () => {
        clearTimeout(timer);
        const reason = socket.remoteAddress ? check(socket.remoteAddress) : 'an unknown address';
        if (reason) abandon(refused(`The image URL points at ${reason}, which is not allowed.`));
      });
    });

    request.on('response', (response) => {
      const status = response.statusCode ?? 0;
      if (REDIRECTS.has(status)) {
        const location = response.headers.location;
        response.resume();
        request.destroy();
        if (!location) return fail(refused('The image URL redirected without a Location.'));
        return settle({ location });
      }
      if (status !== 200) return abandon(refused(`The image URL answered with HTTP ${status}.`));
      const tooLarge = () => refused(`The image is larger than the limit of ${policy.maxBytes} bytes.`);
      const declared = Number(response.headers['content-length']);
      if (Number.isFinite(declared) && declared > policy.maxBytes) return abandon(tooLarge());
      const chunks: Buffer[] = [];
      let total = 0;
      response.on('data', (chunk: Buffer) => {
        total += chunk.length;
        if (total > policy.maxBytes) return abandon(tooLarge());
        chunks.push(chunk);
      });
      response.on('end', () => settle({ bytes: Buffer.concat(chunks, total) }));
      response.on('error', (error) => fail(describe(error, blocked)));
      response.on('close', () => {
        if (!response.complete) fail(refused('The image download was interrupted.'));
      });
    });

    request.on('error', (error) => fail(describe(error, blocked)));
    request.end();
  });
}

function describe(error: Error, blocked: string | undefined): Error {
  if (error instanceof FetchRefusedError) return error;
  if (blocked) return refused(`The image URL points at ${blocked}, which is not allowed.`);
  if (error.name === 'AbortError') return refused('Fetching the image URL timed out.');
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'ENODATA')
    return refused("The image URL's host could not be resolved.");
  return refused(`The image URL could not be fetched${code ? ` (${code})` : ''}.`);
}
