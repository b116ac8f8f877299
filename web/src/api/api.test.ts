import { describe, expect, it } from 'vitest';
import { safeNext } from '../paths.ts';
import { operationsOf } from './capabilities.ts';
import { readCookie, withQuery } from './client.ts';
import { ApiError, errorFromResponse, messageFor, networkError } from './errors.ts';

describe('API errors', () => {
  it('keep the server’s code and message', () => {
    const error = errorFromResponse(400, { code: 1, message: 'Image is larger than 20 MB.' });
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 400, code: 1, message: 'Image is larger than 20 MB.' });
    expect(messageFor(error)).toBe('Image is larger than 20 MB.');
  });

  it('speak plainly when the server says nothing useful', () => {
    expect(errorFromResponse(502, '<html>bad gateway</html>').message).toBe(
      'Request failed with status 502.',
    );
    expect(messageFor(errorFromResponse(502, null))).toBe(
      'Something went wrong on our side. Try again in a moment.',
    );
    expect(messageFor(networkError())).toMatch(/Can’t reach Corkboard/);
    expect(messageFor(errorFromResponse(401, { code: 2, message: 'Authentication failed.' }))).toMatch(
      /Log in again/,
    );
    expect(messageFor(errorFromResponse(404, { code: 50, message: 'Pin not found.' }))).toMatch(/deleted/);
    expect(
      messageFor(errorFromResponse(403, { code: 29, message: 'Missing or invalid CSRF token.' })),
    ).toMatch(/Reload/);
    expect(messageFor(errorFromResponse(413, {}))).toBe('That file is too large to upload.');
    expect(messageFor(errorFromResponse(429, { code: 8, message: 'x' }))).toMatch(/Wait a moment/);
    expect(messageFor(new TypeError('x is undefined'))).toBe('Something went wrong. Try again.');
  });
});

describe('requests', () => {
  it('read the CSRF cookie and build query strings', () => {
    expect(readCookie('cb_csrf', 'a=1; cb_csrf=tok%3Den; b=2')).toBe('tok=en');
    expect(readCookie('cb_csrf', 'a=1')).toBeUndefined();
    expect(withQuery('/v5/feeds/home', { bookmark: null, page_size: 25, q: 'a b' })).toBe(
      '/v5/feeds/home?page_size=25&q=a+b',
    );
    expect(withQuery('/v5/x', { bookmark: undefined })).toBe('/v5/x');
  });

  it('list the operations a spec document offers', () => {
    const ops = operationsOf({
      paths: { '/v5/pins/{pin_id}/related': { get: {} }, '/v5/events': { post: {}, get: {} } },
    });
    expect(ops.has('get /v5/pins/{pin_id}/related')).toBe(true);
    expect(ops.has('post /v5/events')).toBe(true);
    expect(ops.has('delete /v5/events')).toBe(false);
    expect(operationsOf(null).size).toBe(0);
    expect(operationsOf({ paths: 'nope' }).size).toBe(0);
  });

  it('only follow same-site paths after logging in', () => {
    expect(safeNext('/create')).toBe('/create');
    expect(safeNext('//evil.example/x')).toBe('/');
    expect(safeNext('/\\evil.example')).toBe('/');
    expect(safeNext('https://evil.example')).toBe('/');
    expect(safeNext(null)).toBe('/');
  });
});
