// Generated pictures for pins: an SVG per (topic, variant), drawn from the topic's palette and
// motif in one of Pinterest's shapes (mostly tall). sharp renders them (see images.ts). Pure.
import { MOTIFS } from './motifs.ts';
import { Rng } from './random.ts';
import type { Canvas } from './svg.ts';
import type { Topic } from './topics.ts';

export interface Artwork {
  svg: string;
  width: number;
  height: number;
}

/** Height over width, weighted toward Pinterest's tall 2:3 pins. */
const ASPECTS: [number, number][] = [
  [1.5, 6],
  [1.25, 3],
  [1, 2],
  [1.333, 2],
  [1.778, 2],
  [2.1, 1],
  [0.667, 1],
];

/** The variant-th picture of a topic, `width` pixels wide. Same inputs, same SVG. */
export function artwork(topic: Topic, variant: number, width: number, seed = 'corkboard'): Artwork {
  const rng = new Rng('art', seed, topic.key, variant);
  const aspect = rng.weighted(ASPECTS.map(([a, wt]) => [a, wt] as const));
  const height = Math.round(width * aspect);
  const palette = topic.palettes[variant % topic.palettes.length]!;
  const [bg0 = '#ffffff', bg1 = '#eeeeee', ...ink] = palette;
  const canvas: Canvas = { w: width, h: height, rng, ink, bg: [bg0, bg1] };
  const tilt = rng.chance(0.5) ? 'x2="0" y2="1"' : 'x2="1" y2="1"';
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">` +
    `<defs><linearGradient id="bg" x1="0" y1="0" ${tilt}><stop offset="0" stop-color="${bg0}"/>` +
    `<stop offset="1" stop-color="${bg1}"/></linearGradient></defs>` +
    `<rect width="${width}" height="${height}" fill="url(#bg)"/>${MOTIFS[topic.motif](canvas)}</svg>`;
  return { svg, width, height };
}
