// Strict base64 for image_base64 uploads. Pure.
import type { Config } from '../../config.ts';

const ALPHABET = /^[A-Za-z0-9+/]*={0,2}$/;

export type Base64Result = { ok: true; bytes: Buffer } | { ok: false; reason: 'invalid' | 'too large' };

/**
 * Decodes standard base64. Whitespace (line breaks from encoders) is ignored; padding may be
 * omitted; anything else outside the alphabet is invalid (Buffer.from would skip it silently).
 * Refuses, before decoding, data that would exceed maxBytes.
 */
export function decodeBase64(data: string, maxBytes: number): Base64Result {
  // Cheap upper bound first, so a huge string is not copied before being refused.
  if (Math.floor((data.length * 3) / 4) > maxBytes * 2 + 1024) return { ok: false, reason: 'too large' };
  const compact = data.replace(/[\t\n\f\r ]+/g, '');
  if (compact.length === 0 || !ALPHABET.test(compact) || compact.length % 4 === 1)
    return { ok: false, reason: 'invalid' };
  const body = compact.replace(/=+$/, '');
  const padded = compact.includes('=');
  if (padded && compact.length % 4 !== 0) return { ok: false, reason: 'invalid' };
  const size = Math.floor((body.length * 3) / 4);
  if (size > maxBytes) return { ok: false, reason: 'too large' };
  const bytes = Buffer.from(body, 'base64');
  // Buffer.from ignores set bits in the last character's unused low bits; an encoder never sets
  // them, so re-encoding the last group must give it back unchanged.
  const lastGroup = body.length - (body.length % 4 || 4);
  const tail = bytes
    .subarray((lastGroup / 4) * 3)
    .toString('base64')
    .replace(/=+$/, '');
  if (bytes.length !== size || tail !== body.slice(lastGroup)) return { ok: false, reason: 'invalid' };
  return { ok: true, bytes };
}

/**
 * The body limit for a JSON route carrying `images` base64-encoded images of up to MAX_UPLOAD_BYTES
 * each: the 4/3 expansion, room for a line break every 64 characters (JSON-escaped "\r\n" is 4
 * bytes), and 64 KiB for the other fields. Pass images = 5 for multiple_image_base64.
 */
export function base64BodyLimit(config: Pick<Config, 'maxUploadBytes'>, images = 1): number {
  const encoded = Math.ceil(config.maxUploadBytes / 3) * 4;
  const withLineBreaks = encoded + Math.ceil(encoded / 64) * 4;
  return images * withLineBreaks + 64 * 1024;
}
