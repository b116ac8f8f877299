// SVG building blocks for the generated pictures. Pure.
import type { Rng } from './random.ts';

export const r1 = (n: number) => Math.round(n * 10) / 10;

export interface Canvas {
  w: number;
  h: number;
  rng: Rng;
  /** Accent colours of the palette. */
  ink: string[];
  bg: string[];
}

export const circle = (cx: number, cy: number, r: number, fill: string, extra = '') =>
  `<circle cx="${r1(cx)}" cy="${r1(cy)}" r="${r1(r)}" fill="${fill}" ${extra}/>`;
export const ellipse = (cx: number, cy: number, rx: number, ry: number, fill: string, rot = 0, extra = '') =>
  `<ellipse cx="${r1(cx)}" cy="${r1(cy)}" rx="${r1(rx)}" ry="${r1(ry)}" fill="${fill}" ` +
  `transform="rotate(${r1(rot)} ${r1(cx)} ${r1(cy)})" ${extra}/>`;
export const rect = (x: number, y: number, w: number, h: number, fill: string, rx = 0, extra = '') =>
  `<rect x="${r1(x)}" y="${r1(y)}" width="${r1(w)}" height="${r1(h)}" rx="${r1(rx)}" fill="${fill}" ${extra}/>`;
export const poly = (points: [number, number][], fill: string, extra = '') =>
  `<polygon points="${points.map(([x, y]) => `${r1(x)},${r1(y)}`).join(' ')}" fill="${fill}" ${extra}/>`;
export const line = (
  x1: number,
  y1: number,
  x2: number,
  y2: number,
  stroke: string,
  width: number,
  extra = '',
) =>
  `<line x1="${r1(x1)}" y1="${r1(y1)}" x2="${r1(x2)}" y2="${r1(y2)}" stroke="${stroke}" ` +
  `stroke-width="${r1(width)}" stroke-linecap="round" ${extra}/>`;

export function flower(c: Canvas, x: number, y: number, size: number, color: string, heart: string): string {
  const petals = c.rng.range(5, 8);
  const turn = c.rng.next() * 360;
  let out = '';
  for (let i = 0; i < petals; i++) {
    const a = ((turn + (360 / petals) * i) * Math.PI) / 180;
    const px = x + Math.cos(a) * size * 0.55;
    const py = y + Math.sin(a) * size * 0.55;
    out += ellipse(px, py, size * 0.5, size * 0.24, color, (a * 180) / Math.PI, 'fill-opacity="0.9"');
  }
  return out + circle(x, y, size * 0.22, heart);
}
