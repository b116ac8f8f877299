// People, boards and pins for browser tests, made through the real API (app.inject), and the
// signed-in browser session of one of them.
import type { BrowserContext } from 'playwright-core';
import { patternImage } from '../../server/src/modules/media/test-images.ts';
import { signUp, uniqueName } from '../../server/src/testing/clients.ts';
import type { RunningServer } from './server.ts';

export interface Person {
  username: string;
  password: string;
  headers: Record<string, string>;
  cookie: string;
}

export async function person(server: RunningServer, prefix = 'pinner'): Promise<Person> {
  const session = await signUp(server.app, uniqueName(prefix));
  return {
    username: session.username,
    password: session.password,
    headers: session.headers,
    cookie: session.cookie,
  };
}

async function call<T>(
  server: RunningServer,
  who: Person,
  method: 'POST' | 'GET',
  url: string,
  payload?: object,
) {
  const response = await server.app.inject({
    method,
    url,
    headers: who.headers,
    ...(payload ? { payload } : {}),
  });
  if (response.statusCode >= 300)
    throw new Error(`${method} ${url}: ${response.statusCode} ${response.body}`);
  return response.json() as T;
}

export const board = (server: RunningServer, who: Person, name: string, privacy = 'PUBLIC') =>
  call<{ id: string; name: string }>(server, who, 'POST', '/v5/boards', { name, privacy });

let variant = 0;

/** A PNG of the given size whose pattern differs from every other one made here. */
export async function png(width = 320, height = 480): Promise<Buffer> {
  variant += 1;
  return patternImage(width, height, 'png', variant);
}

export async function pin(
  server: RunningServer,
  who: Person,
  boardId: string,
  fields: { title?: string; description?: string; link?: string; alt_text?: string; image?: Buffer } = {},
) {
  const { image, ...text } = fields;
  const data = (image ?? (await png())).toString('base64');
  return call<{ id: string; title: string }>(server, who, 'POST', '/v5/pins', {
    board_id: boardId,
    media_source: { source_type: 'image_base64', content_type: 'image/png', data },
    ...text,
  });
}

/** Puts `who`'s session cookies into the browser, as logging in would. */
export async function signInBrowser(
  context: BrowserContext,
  server: RunningServer,
  who: Person,
): Promise<void> {
  const { hostname } = new URL(server.url);
  await context.addCookies(
    who.cookie.split('; ').map((pair) => {
      const [name, ...rest] = pair.split('=');
      return { name: name!, value: rest.join('='), domain: hostname, path: '/' };
    }),
  );
}
