// One drawing per motif, in the topic's palette: what makes a recipe pin look unlike a car pin. Pure.

import { MORE_MOTIFS } from './motifs-more.ts';
import { type Canvas, circle, ellipse, flower, line, poly, r1, rect } from './svg.ts';
import type { Motif } from './topics.ts';

const LIFESTYLE = {
  plate({ w, h, rng, ink, bg }) {
    const r = Math.min(w, h) * 0.36;
    const cx = w / 2;
    const cy = h * 0.55;
    let out = circle(cx + 6, cy + 8, r * 1.05, '#000', 'fill-opacity="0.12"');
    out += circle(cx, cy, r * 1.05, '#fbfaf7') + circle(cx, cy, r * 0.8, '#f1ece4');
    for (let i = 0; i < 9; i++) {
      const a = rng.next() * Math.PI * 2;
      const d = rng.next() * r * 0.5;
      out += ellipse(
        cx + Math.cos(a) * d,
        cy + Math.sin(a) * d,
        r * (0.12 + rng.next() * 0.18),
        r * (0.1 + rng.next() * 0.12),
        rng.pick(ink),
        rng.next() * 180,
      );
    }
    for (let i = 0; i < 14; i++)
      out += ellipse(
        cx + (rng.next() - 0.5) * r,
        cy + (rng.next() - 0.5) * r,
        5,
        2.5,
        '#3a7d44',
        rng.next() * 180,
      );
    out += rect(cx + r * 1.2, cy - r, r * 0.08, r * 2, bg[1] === '#45403a' ? '#ddd' : '#9a9a9a', r * 0.04);
    return out + rect(w * 0.08, h * 0.1, w * 0.84, h * 0.06, rng.pick(ink), 6, 'fill-opacity="0.85"');
  },
  cake({ w, h, rng, ink }) {
    let out =
      rect(w * 0.15, h * 0.82, w * 0.7, h * 0.03, '#ffffff', 4) +
      rect(w * 0.47, h * 0.85, w * 0.06, h * 0.1, '#ffffff');
    let y = h * 0.82;
    const tiers = rng.range(2, 4);
    for (let t = 0; t < tiers; t++) {
      const tw = w * (0.6 - t * 0.13);
      const th = h * (0.16 - t * 0.015);
      y -= th;
      const color = ink[(t + rng.int(ink.length)) % ink.length]!;
      out += rect((w - tw) / 2, y, tw, th, color, 10);
      let drip = `M${r1((w - tw) / 2)},${r1(y + 8)}`;
      for (let x = (w - tw) / 2; x < (w + tw) / 2; x += tw / 8)
        drip += ` q${r1(tw / 32)},${r1(th * (0.2 + rng.next() * 0.3))} ${r1(tw / 16)},0 t${r1(tw / 16)},0`;
      out += `<path d="${drip}" fill="none" stroke="#fff" stroke-width="7" stroke-opacity="0.8"/>`;
    }
    return out + circle(w / 2, y - 12, 12, '#c1121f') + line(w / 2, y - 22, w / 2 + 8, y - 38, '#386641', 3);
  },
  room({ w, h, rng, ink }) {
    const floor = h * 0.72;
    let out = rect(0, floor, w, h - floor, '#000', 0, 'fill-opacity="0.18"');
    const wx = w * (0.15 + rng.next() * 0.35);
    out += rect(wx, h * 0.15, w * 0.3, h * 0.3, '#f8fbff', 4, 'stroke="#fff" stroke-width="8"');
    out += line(wx + w * 0.15, h * 0.15, wx + w * 0.15, h * 0.45, '#e6e6e6', 4);
    out +=
      rect(w * 0.1, h * 0.52, w * 0.62, h * 0.14, ink[0]!, 18) +
      rect(w * 0.06, h * 0.58, w * 0.7, h * 0.12, ink[0]!, 14);
    out +=
      rect(w * 0.16, h * 0.54, w * 0.18, h * 0.08, ink[1]!, 8) +
      rect(w * 0.4, h * 0.54, w * 0.18, h * 0.08, ink[3] ?? ink[1]!, 8);
    out +=
      line(w * 0.85, h * 0.3, w * 0.85, h * 0.7, '#333', 3) +
      poly(
        [
          [w * 0.78, h * 0.32],
          [w * 0.92, h * 0.32],
          [w * 0.88, h * 0.22],
          [w * 0.82, h * 0.22],
        ],
        ink[2]!,
      );
    out += rect(w * 0.8, h * 0.74, w * 0.1, h * 0.08, '#b08968', 4);
    for (let i = 0; i < 6; i++)
      out += ellipse(
        w * 0.85 + (rng.next() - 0.5) * w * 0.1,
        h * 0.7 - rng.next() * h * 0.08,
        6,
        16,
        '#4f772d',
        rng.next() * 90 - 45,
      );
    return out + rect(w * 0.2, h * 0.85, w * 0.6, h * 0.06, ink[2]!, 30, 'fill-opacity="0.6"');
  },
  landscape({ w, h, rng, ink }) {
    let out = circle(
      w * (0.2 + rng.next() * 0.6),
      h * (0.15 + rng.next() * 0.2),
      Math.min(w, h) * 0.1,
      '#fff6d5',
      'fill-opacity="0.95"',
    );
    for (let layer = 0; layer < 3; layer++) {
      const base = h * (0.45 + layer * 0.12);
      const points: [number, number][] = [[0, h]];
      for (let x = 0; x <= w; x += w / 6) points.push([x, base - rng.next() * h * 0.18]);
      points.push([w, h]);
      out += poly(points, ink[layer % ink.length]!, `fill-opacity="${0.75 + layer * 0.1}"`);
    }
    out += rect(0, h * 0.8, w, h * 0.2, ink[1]!, 0, 'fill-opacity="0.8"');
    for (let i = 0; i < 8; i++)
      out += line(
        rng.next() * w,
        h * (0.83 + rng.next() * 0.15),
        rng.next() * w,
        h * (0.83 + rng.next() * 0.15),
        '#fff',
        2,
        'stroke-opacity="0.4"',
      );
    for (let i = 0; i < 3; i++) {
      const bx = rng.next() * w;
      const by = h * (0.1 + rng.next() * 0.2);
      out += `<path d="M${r1(bx)},${r1(by)} q8,-8 16,0 q8,-8 16,0" fill="none" stroke="#333" stroke-width="2"/>`;
    }
    return out;
  },
  flowers(c) {
    let out = '';
    for (let i = 0; i < 14; i++) {
      const x = c.rng.next() * c.w;
      const y = c.rng.next() * c.h;
      out += line(x, y, x + (c.rng.next() - 0.5) * 40, c.h, '#2e7d32', 3, 'stroke-opacity="0.6"');
      out += ellipse(x + 10, y + 40, 18, 7, c.ink[c.ink.length - 1]!, 30);
    }
    for (let i = 0; i < 16; i++)
      out += flower(
        c,
        c.rng.next() * c.w,
        c.rng.next() * c.h,
        22 + c.rng.next() * 40,
        c.rng.pick(c.ink.slice(0, 2)),
        c.ink[2] ?? '#ffeb3b',
      );
    return out;
  },
  garment({ w, h, rng, ink }) {
    let out = '';
    for (let x = 0; x < w; x += 36) out += rect(x, 0, 14, h, ink[3] ?? ink[0]!, 0, 'fill-opacity="0.12"');
    const cx = w / 2;
    out += `<path d="M${r1(cx)},${r1(h * 0.12)} q0,-30 20,-30 M${r1(cx - w * 0.25)},${r1(h * 0.22)} L${r1(cx)},${r1(h * 0.12)} L${r1(cx + w * 0.25)},${r1(h * 0.22)}" fill="none" stroke="#555" stroke-width="5"/>`;
    const color = rng.pick(ink);
    if (rng.chance(0.5)) {
      out += poly(
        [
          [cx - w * 0.13, h * 0.2],
          [cx + w * 0.13, h * 0.2],
          [cx + w * 0.16, h * 0.4],
          [cx + w * 0.32, h * 0.85],
          [cx - w * 0.32, h * 0.85],
          [cx - w * 0.16, h * 0.4],
        ],
        color,
      );
      out += rect(cx - w * 0.17, h * 0.38, w * 0.34, h * 0.03, ink[0]!);
    } else {
      out += poly(
        [
          [cx - w * 0.2, h * 0.2],
          [cx + w * 0.2, h * 0.2],
          [cx + w * 0.36, h * 0.35],
          [cx + w * 0.26, h * 0.42],
          [cx + w * 0.2, h * 0.36],
          [cx + w * 0.2, h * 0.75],
          [cx - w * 0.2, h * 0.75],
          [cx - w * 0.2, h * 0.36],
          [cx - w * 0.26, h * 0.42],
          [cx - w * 0.36, h * 0.35],
        ],
        color,
      );
      for (let y = h * 0.25; y < h * 0.72; y += h * 0.08) out += circle(cx, y, 4, '#f5f5f5');
    }
    return out;
  },
  workshop({ w, h, rng, ink }) {
    let out = '';
    for (let y = 0; y < h; y += h / 7) {
      out += rect(0, y, w, h / 7 - 4, ink[rng.int(2)]!, 0, 'fill-opacity="0.55"');
      for (let i = 0; i < 3; i++)
        out += line(
          rng.next() * w,
          y + rng.next() * (h / 7),
          rng.next() * w,
          y + rng.next() * (h / 7),
          '#000',
          1.5,
          'stroke-opacity="0.15"',
        );
    }
    for (let i = 0; i < 5; i++) {
      const x = w * (0.15 + rng.next() * 0.7);
      const y = h * (0.15 + rng.next() * 0.7);
      const s = 30 + rng.next() * 50;
      const hex: [number, number][] = Array.from({ length: 6 }, (_, k) => [
        x + s * Math.cos((k * Math.PI) / 3),
        y + s * Math.sin((k * Math.PI) / 3),
      ]);
      out += poly(hex, 'none', `stroke="${ink[2] ?? '#222'}" stroke-width="7"`);
    }
    return (
      out +
      rect(w * 0.2, h * 0.75, w * 0.5, h * 0.03, '#6c584c', 4) +
      rect(w * 0.62, h * 0.7, w * 0.16, h * 0.08, '#495057', 4)
    );
  },
} satisfies Record<string, (c: Canvas) => string>;

export const MOTIFS: Record<Motif, (c: Canvas) => string> = { ...LIFESTYLE, ...MORE_MOTIFS };
