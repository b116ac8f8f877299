// Helpers for the related-pins and home feed tests: pins with pictures of their own made through
// the API (so media stores real hashes and the pin events reach the graph), saves, and waiting
// for the events to be applied.
import type { FastifyInstance } from 'fastify';
import sharp from 'sharp';
import { expect } from 'vitest';
import { type Actor, call } from '../boards/test-kit.ts';
import { noiseImage } from '../media/test-images.ts';

let serial = 0;

/** A small PNG no other call returns (noise: its dHash is far from every other's). */
export async function distinctPicture(): Promise<string> {
  serial += 1;
  return (await noiseImage(24, 24, 'png', process.pid * 1000 + serial)).toString('base64');
}

export interface PinOptions {
  title?: string;
  description?: string;
  /** A picture (base64 PNG or JPEG); a distinct one when absent. */
  picture?: string;
}

export async function makePin(app: FastifyInstance, who: Actor, boardId: string, options: PinOptions = {}) {
  const picture = options.picture ?? (await distinctPicture());
  const type = picture.startsWith('/9j/') ? 'image/jpeg' : 'image/png';
  const response = await call(app, 'POST', '/v5/pins', who.headers, {
    board_id: boardId,
    title: options.title,
    description: options.description,
    media_source: { source_type: 'image_base64', content_type: type, data: picture },
  });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body.id as string;
}

export async function savePin(
  app: FastifyInstance,
  who: Actor,
  pinId: string,
  boardId: string,
): Promise<string> {
  const response = await call(app, 'POST', `/v5/pins/${pinId}/save`, who.headers, { board_id: boardId });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body.id as string;
}

/** Waits until every pin event so far has reached the graph (and every other listener). */
export async function settle(app: FastifyInstance): Promise<void> {
  await app.services.discovery.start();
  await app.services.events.drain();
}

/** The same picture resized and recompressed: other bytes, a near-identical dHash. */
export async function recompressed(picture: string): Promise<string> {
  const bytes = await sharp(Buffer.from(picture, 'base64'))
    .resize({ width: 60 })
    .jpeg({ quality: 50 })
    .toBuffer();
  return bytes.toString('base64');
}
