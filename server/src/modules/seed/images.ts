// Pictures for generated pins: each topic's artworks rendered by sharp and stored through the media
// module like any upload, so every size exists and /media serves them. Images are content-addressed:
// the same artwork rendered again is the same file, and ingesting it again finds the stored row.
import sharp from 'sharp';
import type { MediaService } from '../media/index.ts';
import { artwork } from './art.ts';
import type { ImageRef } from './rows.ts';
import type { Topic } from './topics.ts';

export interface ImageOptions {
  perTopic: number;
  width: number;
  /** Images in flight at once (sharp works off the event loop, on libuv's thread pool). */
  concurrency?: number;
  signal?: AbortSignal;
  onImage?: (done: number, total: number) => void;
}

/** Renders and stores `perTopic` images for each topic; returns them per topic, in topic order. */
export async function topicImages(
  media: MediaService,
  topics: readonly Topic[],
  options: ImageOptions,
): Promise<ImageRef[][]> {
  const jobs = topics.flatMap((topic, t) =>
    Array.from({ length: options.perTopic }, (_, variant) => ({ topic, t, variant })),
  );
  const out: ImageRef[][] = topics.map(() => []);
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < jobs.length) {
      options.signal?.throwIfAborted();
      const { topic, t, variant } = jobs[next++]!;
      const art = artwork(topic, variant, options.width);
      const jpeg = await sharp(Buffer.from(art.svg)).jpeg({ quality: 88 }).toBuffer();
      const stored = await media.ingestBytes(jpeg);
      out[t]![variant] = { id: stored.id, dominantColor: stored.dominant_color };
      options.onImage?.(++done, jobs.length);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency ?? 2 }, worker));
  return out;
}
