// Pinterest clients send arrays three ways: repeated keys (a=1&a=2), CSV (a=1,2) and indexed
// keys (a[0]=1&a[1]=2, a[]=1). The parser folds indexed keys and repeats into one array; the
// preValidation hook then splits CSV for the properties a route's schema declares as arrays.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { invalid } from './errors.ts';

export type ParsedQuery = Record<string, string | string[]>;

const INDEXED_KEY = /^(.+?)\[(\d*)\]$/;

export function parseQueryString(raw: string): ParsedQuery {
  // A trailing "?" (as in "/v5/boards?" or "?page_size=5?") is tolerated, not treated as data.
  const trimmed = raw.replace(/\?+$/, '');
  const result: Record<string, string | string[]> = Object.create(null);
  const indexed = new Map<string, Array<[number, string]>>();
  for (const [rawKey, value] of new URLSearchParams(trimmed)) {
    const match = INDEXED_KEY.exec(rawKey);
    if (match) {
      const key = match[1]!;
      const position = match[2] === '' ? Number.MAX_SAFE_INTEGER : Number(match[2]);
      const list = indexed.get(key) ?? [];
      list.push([position, value]);
      indexed.set(key, list);
      continue;
    }
    const existing = result[rawKey];
    if (existing === undefined) result[rawKey] = value;
    else if (Array.isArray(existing)) existing.push(value);
    else result[rawKey] = [existing, value];
  }
  for (const [key, entries] of indexed) {
    const ordered = entries
      .map((e, i) => [e[0], i, e[1]] as const)
      .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    const values = ordered.map((e) => e[2]);
    const existing = result[key];
    result[key] =
      existing === undefined ? values : [...(Array.isArray(existing) ? existing : [existing]), ...values];
  }
  return result;
}

interface SchemaWithProperties {
  properties?: Record<string, { type?: unknown }>;
}

function propertiesOf(request: FastifyRequest, types: readonly unknown[]): string[] {
  const schema = request.routeOptions.schema?.querystring as SchemaWithProperties | undefined;
  if (!schema?.properties) return [];
  return Object.entries(schema.properties)
    .filter(([, property]) => types.includes(property.type))
    .map(([name]) => name);
}

/**
 * Splits CSV values of array-typed query properties, so `a=1,2` equals `a=1&a=2`, and refuses
 * numbers that coerce to ±Infinity ("Infinity", "1e400"): Ajv's type coercion lets them through
 * and then skips `minimum`/`maximum`, so `page_size=Infinity` would otherwise reach a handler.
 */
export function installArrayQueryNormalizer(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    const query = request.query as ParsedQuery;
    for (const name of propertiesOf(request, ['integer', 'number'])) {
      const value = query[name];
      const values = value === undefined ? [] : Array.isArray(value) ? value : [value];
      if (values.some((v) => Math.abs(Number(v)) === Number.POSITIVE_INFINITY)) {
        throw invalid(`Invalid querystring parameter: ${name} must be a finite number.`);
      }
    }
    for (const name of propertiesOf(request, ['array'])) {
      const value = query[name];
      if (value === undefined) continue;
      const values = (Array.isArray(value) ? value : [value]).flatMap((v) => v.split(','));
      query[name] = values.map((v) => v.trim()).filter((v) => v !== '');
    }
  });
}
