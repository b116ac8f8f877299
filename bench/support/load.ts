// A fixed-concurrency HTTP load from this process against a server in another process.
import autocannon from 'autocannon';

export interface LoadResult {
  rps: number;
  p50Ms: number;
  p99Ms: number;
  /** Requests completed (any status). */
  requests: number;
  errors: number;
  non2xx: number;
}

export async function load(options: {
  url: string;
  headers?: Record<string, string>;
  method?: 'GET' | 'POST';
  body?: string;
  /** Bodies sent in turn, one per request, cycling (instead of one fixed `body`). */
  bodies?: readonly string[];
  connections?: number;
  seconds?: number;
}): Promise<LoadResult> {
  const { bodies } = options;
  let next = 0;
  const result = await autocannon({
    url: options.url,
    method: options.method ?? 'GET',
    headers: options.headers,
    body: options.body,
    connections: options.connections ?? 32,
    duration: options.seconds ?? 5,
    ...(bodies && bodies.length > 0
      ? {
          requests: [
            {
              setupRequest: (request: autocannon.Request) => {
                const body = bodies[next++ % bodies.length]!;
                return { ...request, body };
              },
            },
          ],
        }
      : {}),
  });
  return {
    rps: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requests: result.requests.total,
    errors: result.errors,
    non2xx: result.non2xx,
  };
}
