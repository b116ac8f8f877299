// Which methods a path answers to, for telling "no such endpoint" (404) from "not with this method"
// (405 with Allow, as Pinterest answers). Fastify's not-found handler does not say which, so the
// routes are mirrored, as they are added, into a router of the same kind (find-my-way is Fastify's
// own) with the same matching options.
import type { FastifyInstance } from 'fastify';
import FindMyWay, { type HTTPMethod } from 'find-my-way';

export interface RouteMethods {
  /** The methods some route serves at this request URL (path and query), in a stable order. */
  allowedAt(url: string): string[];
}

/** Starts mirroring `app`'s routes; call before any route is registered. */
export function trackRouteMethods(
  app: FastifyInstance,
  options: { ignoreTrailingSlash: boolean; maxParamLength: number },
): RouteMethods {
  const router = FindMyWay({ ...options });
  const methods = new Set<HTTPMethod>();
  const noop = () => {};
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat() as HTTPMethod[]) {
      // Fastify adds a HEAD route for each GET; a path may also be registered twice under one method
      // with different constraints. One entry per method and path is all this needs.
      if (router.hasRoute(method, route.url)) continue;
      router.on(method, route.url, noop);
      methods.add(method);
    }
  });
  return {
    allowedAt(url) {
      const path = url.split('?', 1)[0]!;
      try {
        return [...methods].filter((method) => router.find(method, path) !== null).sort();
      } catch {
        return []; // a path the router cannot decode matches nothing
      }
    },
  };
}
