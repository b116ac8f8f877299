// Bearer secrets (session cookies, API tokens, OAuth codes, client secrets). They carry 256 bits of
// randomness, so a fast SHA-256 is the right storage hash: no password-style stretching is needed
// and lookups stay one indexed equality.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export function newSecret(prefix = ''): string {
  return prefix + randomBytes(32).toString('base64url');
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export function secretsEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
