// A deterministic barrage of malformed requests: none may get a 5xx, and every error must be the
// API's JSON {code, message} with the status the contract gives that mistake.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserSession, bearer, personalToken, signUp } from '../testing/clients.ts';
import { invalidCase as bad, type Case, generator, sendAll, startAppWith } from '../testing/fuzz.ts';
import type { TestApp } from '../testing/harness.ts';
import { frameworkErrorHandler, installErrorHandling } from './error-handler.ts';
import { decodeBookmark, encodeBookmark, PageQuery, pageFrom } from './pagination.ts';
import { trackRouteMethods } from './route-methods.ts';

const ITEMS = Array.from({ length: 60 }, (_, i) => i + 1);
const ALNUM = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const QUERY_CHARS = `${ALNUM}%&=[]?+;,.~!*'()$@:/-_ `;
const HEADER_CHARS = `${ALNUM}+/=-._~:;,!*'()@ \t"<>{}\\|^\``;
const DIGITS = '0123456789';

let t: TestApp;
let session: BrowserSession;
let token: string;
let clientId: string;
let sent = 0;

beforeAll(async () => {
  // A list route, since no production endpoint takes page_size yet.
  t = await startAppWith((app) => {
    app
      .withTypeProvider<TypeBoxTypeProvider>()
      .get('/test/items', { schema: { querystring: PageQuery } }, async (request) => {
        const { bookmark, page_size = 25 } = request.query;
        const after = bookmark ? Number(decodeBookmark(bookmark, 1)[0]) : 0;
        const rows = ITEMS.filter((n) => n > after).slice(0, page_size + 1);
        return { ...pageFrom(rows, page_size, (n) => [n]), page_size };
      });
  });
  session = await signUp(t.app);
  token = await personalToken(t.app, session);
  const created = await t.app.inject({
    method: 'POST',
    url: '/v5/user_account/apps',
    headers: session.headers,
    payload: { name: 'barrage', redirect_uris: ['https://client.example/cb'] },
  });
  clientId = created.json().client_id;
});
afterAll(async () => t?.close());

async function barrage(cases: Case[]): Promise<string[]> {
  sent += cases.length;
  return sendAll(t.app, cases);
}

type Method = 'POST' | 'PATCH';
const json = (method: Method, url: string, payload: string, headers = {}): InjectOptions => ({
  method,
  url,
  payload,
  headers: { ...headers, 'content-type': 'application/json' },
});

// [method, url, needs the session, a valid body]
const JSON_ENDPOINTS: Array<[Method, string, boolean, object]> = [
  ['POST', '/v5/auth/login', false, { username: 'someone', password: 'pw' }],
  ['POST', '/v5/auth/signup', false, { username: 'abc', email: 'a@b.co', password: '12345678' }],
  ['PATCH', '/v5/user_account', true, { about: 'hi' }],
  ['POST', '/v5/user_account/tokens', true, { name: 'n', scopes: 'all' }],
  ['POST', '/v5/user_account/apps', true, { name: 'n', redirect_uris: ['https://x.example/'] }],
];

describe('a barrage of malformed requests', () => {
  it('answers malformed JSON with 400 and code 1', async () => {
    const g = generator(1);
    const cases: Case[] = [];
    while (cases.length < 80) {
      const [method, url, withSession, body] = g.pick(JSON_ENDPOINTS);
      const text = JSON.stringify(body);
      const cut = () => g.int(0, text.length);
      const mutated = g.pick([
        () => text.slice(0, g.int(0, text.length - 1)),
        () => text.slice(0, cut()) + g.pick([...'{}[],:"\\\'x']) + text.slice(cut()),
        () => g.str(g.int(1, 40), '{}[]":,\\0123456789truefalsnl'),
        () => `${text}${g.pick(['x', '}', ',', '{}', ' garbage'])}`,
      ])();
      try {
        JSON.parse(mutated);
        continue; // still valid JSON; only broken documents belong here
      } catch {}
      cases.push(bad(json(method, url, mutated, withSession ? session.headers : {})));
    }
    const login = (text: string) => bad(json('POST', '/v5/auth/login', text));
    cases.push(
      login('{"__proto__":{"admin":true},"username":"a","password":"b"}'),
      login('{"constructor":{"prototype":{"admin":true}}}'),
      login('['.repeat(100_000)),
      login(`${'['.repeat(20_000)}${']'.repeat(20_000)}`),
      login(''),
      login('\u0000'),
      login('null'),
      bad(json('PATCH', '/v5/user_account', '{"about":"\u0000"}', session.headers)), // raw NUL in a JSON string
      // A leading byte order mark is tolerated, so this one reaches the credential check.
      {
        req: json('POST', '/v5/auth/login', '\ufeff{"username":"a","password":"b"}'),
        status: [401],
        code: [2],
      },
    );
    expect(await barrage(cases)).toEqual([]);
  });

  it('answers JSON of the wrong types with 400 and code 1', async () => {
    const g = generator(2);
    const junk = [{}, { a: 1 }, [{}], [[]], [], 'x'.repeat(3000)];
    const url = 'https://x.example/';
    // 'METHOD path' -> {field: [a valid value, wrong values]}; /v5/user_account paths need the session.
    const specs: Record<string, Record<string, [unknown, unknown[]]>> = {
      'POST /v5/auth/login': { username: ['someone', junk], password: ['pw', junk] },
      'POST /v5/auth/signup': {
        username: ['abc_d', [...junk, 'no spaces', 'ab']],
        email: ['a@b.co', [...junk, 'not-an-email']],
        password: ['long enough', [...junk, 'short']],
      },
      'POST /v5/user_account/tokens': {
        name: ['n', [...junk, '']],
        scopes: ['all', [...junk, 'nope', ['nope'], 5]],
        expires_in_days: [5, ['abc', {}, [{}], 0, 3651, 1.5, -1]],
      },
      'POST /v5/user_account/apps': {
        name: ['n', junk],
        redirect_uris: [[url], [[], {}, [{}], 'x'.repeat(3000), Array(21).fill(url)]],
      },
      'PATCH /v5/user_account': {
        about: ['hi', [{}, [{}], 'x'.repeat(501)]],
        website_url: [url, ['javascript:alert(1)', 'ftp://x.example', {}, [{}]]],
      },
    };
    const cases: Case[] = [];
    for (let i = 0; i < 100; i++) {
      const key = g.pick(Object.keys(specs));
      const [method, path] = key.split(' ') as [Method, string];
      const fields = specs[key]!;
      const names = Object.keys(fields);
      const wrong = new Set([g.pick(names), ...names.filter(() => g.next() < 0.3)]);
      const body: Record<string, unknown> = {};
      for (const [name, [valid, wrongs]] of Object.entries(fields)) {
        body[name] = wrong.has(name) ? g.pick(wrongs) : valid;
      }
      if (g.next() < 0.1) body.unexpected = true;
      const headers = path.startsWith('/v5/user_account') ? session.headers : {};
      cases.push(bad({ method, url: path, payload: body, headers }));
    }
    expect(await barrage(cases)).toEqual([]);
  });

  it('refuses bodies of the wrong content type and bodies over the limit', async () => {
    const g = generator(3);
    const types = `text/plain|text/html|application/xml|multipart/form-data; boundary=x|image/png|garbage|;
      |application/x-www-form-urlencoded|application/octet-stream|application/jsonx|application/json-patch+json
      |foo/bar; baz=1|application/|*/*`.split(/\s*\|\s*/);
    const cases: Case[] = [];
    for (let i = 0; i < 50; i++) {
      const [method, url, withSession, body] = g.pick(JSON_ENDPOINTS);
      const headers = { ...(withSession ? session.headers : {}), 'content-type': g.pick(types) };
      cases.push({
        req: { method, url, payload: JSON.stringify(body), headers },
        status: [400, 415],
        code: [1],
      });
    }
    const huge = `{"username":"${'x'.repeat(1024 * 1024)}","password":"x"}`;
    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    cases.push(
      bad(json('POST', '/v5/auth/login', huge)),
      bad(json('POST', '/v5/auth/signup', huge)),
      bad(json('PATCH', '/v5/user_account', huge, session.headers)),
      bad(json('POST', '/v5/auth/login', `[${'1,'.repeat(600_000)}1]`)),
      bad({ method: 'POST', url: '/v5/oauth/token', payload: `x=${'y'.repeat(20_000)}`, headers: form }),
      bad(json('POST', '/v5/auth/login', '{"username":"a","password":"b"}', { 'content-length': '5' })),
    );
    expect(await barrage(cases)).toEqual([]);
    const tooLarge = await t.app.inject(json('POST', '/v5/auth/login', huge));
    expect(tooLarge.json()).toEqual({ code: 1, message: 'Request body is too large.' });
  });

  it('shrugs off garbage and overlong query strings', async () => {
    const g = generator(4);
    const cases: Case[] = [];
    for (let i = 0; i < 60; i++) {
      const query = g.str(g.int(1, 200), QUERY_CHARS) + (g.next() < 0.3 ? `&${g.encoded(8)}=%00` : '');
      const url = g.pick(['/healthz', '/v5/user_account/tokens', '/test/items']);
      cases.push({ req: { url: `${url}?${query}`, headers: session.headers }, status: [200] });
    }
    const queries = [
      `x=${'y'.repeat(200_000)}`,
      'a[]=1&'.repeat(10_000),
      'a[99999999999999999999999]=1&a[-1]=2&a[x]=3',
      '__proto__=1&constructor[]=2&__proto__[polluted]=3',
      ...['%', '%%%', '%E0%A4%A', '&&&===', '?', '??page_size=5??'],
    ];
    for (const query of queries) cases.push({ req: { url: `/healthz?${query}` }, status: [200] });
    expect(await barrage(cases)).toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('validates page_size and bookmark on a list endpoint', async () => {
    const g = generator(5);
    const cases: Case[] = [];
    for (let i = 0; i < 60; i++) {
      const n = g.int(-400, 400);
      const req = { url: `/test/items?page_size=${n}` };
      cases.push(n >= 1 && n <= 250 ? { req, status: [200] } : bad(req));
    }
    for (let i = 0; i < 20; i++) {
      cases.push(
        bad({ url: `/test/items?page_size=${encodeURIComponent(g.str(g.int(1, 12), 'abcdefxyz.-+ '))}` }),
      );
    }
    for (const value of [
      '1.5',
      '9'.repeat(400),
      '-0.5',
      'NaN',
      'Infinity',
      '-Infinity',
      '1e400',
      '251',
      '0',
    ]) {
      cases.push(bad({ url: `/test/items?page_size=${value}` }));
    }
    cases.push(bad({ url: '/test/items?page_size=5&page_size=6' }));
    for (let i = 0; i < 40; i++) {
      cases.push(
        bad({ url: `/test/items?bookmark=${encodeURIComponent(g.str(g.int(1, 80), `${ALNUM}-_=%+/`))}` }),
      );
    }
    for (const shape of [{}, [], [1, 2], [null], ['a', {}], [[1]], [true], 'x', 1]) {
      cases.push(
        bad({ url: `/test/items?bookmark=${Buffer.from(JSON.stringify(shape)).toString('base64url')}` }),
      );
    }
    cases.push(bad({ url: `/test/items?bookmark=${encodeBookmark(['x'.repeat(3000)])}` }));
    expect(await barrage(cases)).toEqual([]);
  });

  it('rejects invalid bearer tokens and client credentials with 401 and code 2', async () => {
    const g = generator(6);
    const cases: Case[] = [];
    const denied = (req: InjectOptions): Case => ({ req, status: [401], code: [2] });
    for (let i = 0; i < 60; i++) {
      const authorization = g.pick([
        () => `Bearer ${g.str(g.int(1, 120), HEADER_CHARS).trim() || 'x'}`,
        () =>
          `${g.pick(['bearer', 'BEARER', 'Bearer  ', 'Token', 'Basic', 'Bearer\t'])} ${g.str(g.int(0, 60), ALNUM)}`,
        () => `Bearer ${token}${g.str(g.int(1, 4), ALNUM)}`,
        () => `Bearer ${token.slice(0, g.int(0, token.length - 1))}`,
        () => g.str(g.int(0, 30), HEADER_CHARS),
      ])();
      cases.push(denied({ url: '/v5/user_account', headers: { authorization } }));
    }
    cases.push(
      denied({ url: '/v5/user_account', headers: { authorization: `Bearer ${'a'.repeat(64 * 1024)}` } }),
    );
    cases.push(
      denied({ url: '/v5/user_account', headers: { cookie: 'cb_session=%E0%A4%A; cb_session=%00' } }),
    );
    const b64 = (s: string) => Buffer.from(s).toString('base64');
    for (let i = 0; i < 60; i++) {
      const id = g.pick([
        clientId,
        g.str(g.int(1, 25), DIGITS),
        '%zz',
        '%',
        '%E0%A4%A',
        '',
        g.unicode(5),
        `${clientId}%00`,
      ]);
      const secret = g.pick([g.str(g.int(0, 50), ALNUM), '%', '%G0', g.unicode(10)]);
      const authorization = g.pick([
        `Basic ${b64(`${id}:${secret}`)}`,
        `Basic ${b64(id)}`,
        `Basic ${g.str(g.int(1, 40), HEADER_CHARS)}`,
        `Bearer ${b64(`${id}:${secret}`)}`,
        'Basic',
        '',
      ]);
      const [url, payload] = g.pick([
        ['/v5/oauth/token', 'grant_type=client_credentials'],
        ['/v5/oauth/token', 'grant_type=refresh_token&refresh_token=abc'],
        [
          '/v5/oauth/token',
          'grant_type=authorization_code&code=x&redirect_uri=https%3A%2F%2Fclient.example%2Fcb',
        ],
        ['/v5/oauth/token/revoke', `token=${g.str(10, ALNUM)}`],
      ]);
      const headers = { authorization, 'content-type': 'application/x-www-form-urlencoded' };
      cases.push(denied({ method: 'POST', url, payload, headers }));
    }
    expect(await barrage(cases)).toEqual([]);
  });

  it('answers overflowing and non-numeric ids in paths with 400 or 404', async () => {
    const g = generator(7);
    const cases: Case[] = [];
    const headers = session.headers;
    for (let i = 0; i < 80; i++) {
      const id = g.pick([
        () => g.str(g.int(1, 26), DIGITS),
        () => `-${g.str(g.int(1, 20), DIGITS)}`,
        () => g.str(g.int(1, 24), `${ALNUM}-_`),
        () => g.encoded(3),
      ])();
      const raw = decodeURIComponent(id);
      // Token ids are validated by pattern, app ids only by length (and then not found).
      const [url, ok] =
        g.next() < 0.5
          ? [`/v5/user_account/tokens/${id}`, /^\d{1,19}$/.test(raw)]
          : [`/v5/user_account/apps/${id}`, [...raw].length <= 20];
      cases.push({ req: { method: 'DELETE', url, headers }, status: [ok ? 404 : 400], code: [ok ? 404 : 1] });
    }
    for (const id of [
      '99999999999999999999',
      '9223372036854775808',
      '9223372036854775807',
      '0',
      '%00',
      '%20',
      '１２３',
    ]) {
      const tokenUrl = `/v5/user_account/tokens/${id}`;
      cases.push({ req: { method: 'DELETE', url: tokenUrl, headers }, status: [400, 404], code: [1, 404] });
      cases.push({
        req: { method: 'DELETE', url: `/v5/user_account/apps/${id}`, headers },
        status: [404],
        code: [404],
      });
    }
    for (let i = 0; i < 30; i++) {
      const name = g.next() < 0.6 ? g.str(g.int(1, 40), `${ALNUM}_`) : g.encoded(g.int(1, 6));
      const ok = /^[A-Za-z0-9_]{3,30}$/.test(decodeURIComponent(name));
      cases.push({ req: { url: `/v5/users/${name}` }, status: [ok ? 404 : 400], code: [ok ? 30 : 1] });
    }
    expect(await barrage(cases)).toEqual([]);
  });

  it('stores any unicode text but refuses NUL characters with 400 and code 1', async () => {
    const g = generator(8);
    const cases: Case[] = [];
    const abouts: string[] = [];
    for (let i = 0; i < 40; i++) {
      const about = g.unicode(g.int(1, 40));
      const req = {
        method: 'PATCH' as const,
        url: '/v5/user_account',
        headers: session.headers,
        payload: { about },
      };
      cases.push(about.includes('\u0000') ? bad(req) : { req, status: [200] });
      abouts.push(about);
    }
    for (let i = 0; i < 10; i++) {
      const name = `${g.unicode(3)}\u0000${g.unicode(3)}`;
      const tokens = { method: 'POST' as const, url: '/v5/user_account/tokens', headers: session.headers };
      cases.push(bad({ ...tokens, payload: { name, scopes: 'all' } }));
      cases.push(
        bad({ method: 'POST', url: '/v5/auth/login', payload: { username: `nul${i}\u0000`, password: 'x' } }),
      );
    }
    const app = { name: 'a\u0000', redirect_uris: ['https://x.example/'] };
    cases.push(bad({ method: 'POST', url: '/v5/user_account/apps', headers: session.headers, payload: app }));
    expect(await barrage(cases)).toEqual([]);
    // Text round-trips exactly; lone surrogates can only be stored as U+FFFD, as UTF-8 demands.
    const lone = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
    const last = abouts.filter((s) => !s.includes('\u0000')).at(-1)!;
    const me = await t.app.inject({ url: '/v5/user_account', headers: bearer(token) });
    expect(me.json().about).toBe(last.replace(lone, '\ufffd'));
  });

  it('answers unknown routes and methods with JSON 404/405', async () => {
    const g = generator(9);
    const cases: Case[] = [];
    for (let i = 0; i < 40; i++) {
      const segments = Array.from({ length: g.int(1, 4) }, () =>
        g.pick([() => g.str(g.int(1, 12), `${ALNUM}-_~`), () => g.encoded(4), () => '%00', () => '..'])(),
      );
      const url = `/${g.pick(['v5/zz/zz', 'zz', 'v6'])}/${segments.join('/')}`;
      cases.push({
        req: { method: g.pick(['GET', 'POST', 'DELETE', 'HEAD'] as const), url },
        status: [404],
        code: [404],
      });
    }
    const methods = [
      'PUT',
      'PATCH',
      'DELETE',
      'OPTIONS',
      'PROPFIND',
      'MKCOL',
      'COPY',
      'MOVE',
      'LOCK',
      'UNLOCK',
    ] as const;
    const extra = ['SEARCH', 'TRACE', 'PURGE', 'REPORT'] as const;
    const paths = ['/healthz', '/readyz', '/v5/auth/login', '/v5/auth/session', '/v5/user_account/tokens'];
    for (let i = 0; i < 40; i++) {
      const req = {
        method: g.pick([...methods, ...extra]),
        url: g.pick([...paths, '/v5/openapi.json', '/v5/oauth/token']),
      };
      cases.push({ req, status: [404, 405], code: [404, 405] });
    }
    expect(await barrage(cases)).toEqual([]);
  });

  it('answers a known path with the wrong method with 405, naming the methods it takes', async () => {
    const cases = [
      { method: 'PUT', url: '/v5/user_account', allow: 'DELETE, GET, HEAD, PATCH' },
      { method: 'PUT', url: '/v5/pins/123456789?x=1', allow: 'DELETE, GET, HEAD, PATCH' },
      { method: 'GET', url: '/v5/events', allow: 'POST' },
      { method: 'PUT', url: '/v5/boards/', allow: 'GET, HEAD, POST' },
    ] as const;
    for (const { method, url, allow } of cases) {
      const response = await t.app.inject({ method, url });
      sent++;
      expect([url, response.statusCode, response.headers.allow]).toEqual([url, 405, allow]);
      expect(response.json()).toEqual({ code: 405, message: 'Method not allowed.' });
    }
    const unknown = await t.app.inject({ method: 'GET', url: '/v5/no_such_thing' });
    expect([unknown.statusCode, unknown.headers.allow]).toEqual([404, undefined]);
  });

  it('sent several hundred requests and still answers /healthz and its users', async () => {
    expect(sent).toBeGreaterThanOrEqual(400);
    const health = await t.app.inject({ url: '/healthz' });
    expect(health.statusCode).toBe(200);
    expect(health.json()).toEqual({ status: 'ok' });
    const me = await t.app.inject({ url: '/v5/user_account', headers: bearer(token) });
    expect(me.statusCode).toBe(200);
  });
});

describe('router-level rejections (bad percent-encoding, over-long path parameters)', () => {
  const routerCases = [
    { url: '/v5/users/%E0%A4%A' },
    { url: '/v5/%' },
    { url: `/v5/users/${'a'.repeat(600)}` },
  ];

  it('frameworkErrorHandler answers them with 400 and code 1', async () => {
    const bare = Fastify({ frameworkErrors: frameworkErrorHandler, routerOptions: { maxParamLength: 500 } });
    installErrorHandling(bare, trackRouteMethods(bare, { ignoreTrailingSlash: true, maxParamLength: 500 }));
    bare.get('/v5/users/:username', async () => ({}));
    expect(await sendAll(bare, routerCases.map(bad))).toEqual([]);
    await bare.close();
  });

  // Fastify's router answers these itself before any hook or error handler runs; buildApp passes
  // `frameworkErrors: frameworkErrorHandler` so they get the Pinterest body too.
  it('the app answers them with {code, message}', async () => {
    expect(await barrage(routerCases.map(bad))).toEqual([]);
  });
});
