// The rest of the motifs (see motifs.ts). Pure.
import { type Canvas, circle, ellipse, line, poly, r1, rect } from './svg.ts';

export const MORE_MOTIFS = {
  abstract({ w, h, rng, ink }) {
    let out = '';
    for (let i = 0; i < 7; i++) {
      const shape = rng.int(3);
      const color = rng.pick(ink);
      const x = rng.next() * w;
      const y = rng.next() * h;
      const s = Math.min(w, h) * (0.1 + rng.next() * 0.35);
      if (shape === 0) out += circle(x, y, s, color, 'fill-opacity="0.85"');
      else if (shape === 1)
        out += rect(
          x - s / 2,
          y - s / 2,
          s,
          s * 1.4,
          color,
          0,
          `transform="rotate(${r1(rng.next() * 90)} ${r1(x)} ${r1(y)})" fill-opacity="0.85"`,
        );
      else
        out += `<path d="M${r1(x - s)},${r1(y)} a${r1(s)},${r1(s)} 0 0 1 ${r1(2 * s)},0" fill="none" stroke="${color}" stroke-width="${r1(s / 5)}"/>`;
    }
    for (let i = 0; i < 3; i++)
      out += line(rng.next() * w, rng.next() * h, rng.next() * w, rng.next() * h, '#1a1a1a', 3);
    return out;
  },
  motion({ w, h, rng, ink }) {
    let out = '';
    for (let i = 0; i < 5; i++) {
      const y = rng.next() * h;
      out += poly(
        [
          [0, y],
          [w, y - h * 0.3],
          [w, y - h * 0.3 + 40 + rng.next() * 60],
          [0, y + 40 + rng.next() * 60],
        ],
        rng.pick(ink),
        'fill-opacity="0.7"',
      );
    }
    const cx = w / 2;
    const cy = h * 0.5;
    out += rect(cx - w * 0.3, cy - 6, w * 0.6, 12, '#e5e5e5', 6);
    for (const side of [-1, 1]) {
      out += rect(cx + side * w * 0.28 - 14, cy - 50, 28, 100, '#222', 8);
      out += rect(cx + side * w * 0.33 - 10, cy - 38, 20, 76, '#444', 8);
    }
    return out;
  },
  rings({ w, h, rng, ink }) {
    let out = '';
    for (let i = 0; i < 22; i++)
      out += ellipse(
        rng.next() * w,
        rng.next() * h,
        10 + rng.next() * 18,
        5 + rng.next() * 8,
        rng.pick(ink.slice(1)),
        rng.next() * 180,
        'fill-opacity="0.55"',
      );
    const r = Math.min(w, h) * 0.17;
    out += circle(w / 2 - r * 0.55, h / 2, r, 'none', `stroke="${ink[0]}" stroke-width="${r1(r / 6)}"`);
    out += circle(w / 2 + r * 0.55, h / 2, r, 'none', `stroke="#e0c068" stroke-width="${r1(r / 6)}"`);
    return (
      out +
      poly(
        [
          [w / 2 + r * 0.55, h / 2 - r - 14],
          [w / 2 + r * 0.55 - 12, h / 2 - r],
          [w / 2 + r * 0.55 + 12, h / 2 - r],
        ],
        '#dff3ff',
      )
    );
  },
  lineart({ w, h, rng, ink }) {
    const stroke = ink[0]!;
    const cx = w / 2;
    const cy = h / 2;
    const s = Math.min(w, h) * 0.3;
    let out = circle(cx, cy, s, 'none', `stroke="${stroke}" stroke-width="3"`);
    out += `<path d="M${r1(cx - s * 0.5)},${r1(cy - s * 0.7)} a${r1(s * 0.7)},${r1(s * 0.7)} 0 1 0 ${r1(s)},${r1(s * 1.2)}" fill="none" stroke="${stroke}" stroke-width="3"/>`;
    const leaves = rng.range(6, 12);
    for (let i = 0; i < leaves; i++) {
      const a = (i / leaves) * Math.PI * 2;
      out += ellipse(
        cx + Math.cos(a) * s * 1.25,
        cy + Math.sin(a) * s * 1.25,
        s * 0.2,
        s * 0.07,
        'none',
        (a * 180) / Math.PI,
        `stroke="${stroke}" stroke-width="2"`,
      );
    }
    for (let i = 0; i < 30; i++)
      out += circle(
        cx + (rng.next() - 0.5) * w * 0.9,
        cy + (rng.next() - 0.5) * h * 0.9,
        1.5 + rng.next() * 2,
        stroke,
      );
    return out + line(cx, cy - s * 1.6, cx, cy + s * 1.6, ink[2] ?? stroke, 2, 'stroke-dasharray="6 8"');
  },
  car({ w, h, rng, ink }) {
    const ground = h * 0.72;
    let out =
      rect(0, ground, w, h - ground, '#3a3a3a') +
      line(
        0,
        ground + (h - ground) / 2,
        w,
        ground + (h - ground) / 2,
        '#f1f1f1',
        4,
        'stroke-dasharray="30 24"',
      );
    out += circle(w * 0.8, h * 0.2, Math.min(w, h) * 0.09, ink[2] ?? '#fcbf49');
    const body = rng.pick(ink.slice(0, 2));
    const cw = w * 0.8;
    const x = w * 0.1;
    out += rect(x, ground - h * 0.14, cw, h * 0.1, body, 20);
    out += poly(
      [
        [x + cw * 0.22, ground - h * 0.14],
        [x + cw * 0.35, ground - h * 0.24],
        [x + cw * 0.68, ground - h * 0.24],
        [x + cw * 0.8, ground - h * 0.14],
      ],
      body,
    );
    out += poly(
      [
        [x + cw * 0.3, ground - h * 0.145],
        [x + cw * 0.38, ground - h * 0.215],
        [x + cw * 0.5, ground - h * 0.215],
        [x + cw * 0.5, ground - h * 0.145],
      ],
      '#cfe8ff',
    );
    for (const fx of [0.22, 0.78])
      out +=
        circle(x + cw * fx, ground - h * 0.04, h * 0.045, '#111') +
        circle(x + cw * fx, ground - h * 0.04, h * 0.02, '#bbb');
    return out + circle(x + cw * 0.97, ground - h * 0.1, 6, '#fff6b0');
  },
  pet({ w, h, rng, ink }) {
    let out = '';
    for (let i = 0; i < 8; i++) {
      const x = rng.next() * w;
      const y = rng.next() * h;
      out += ellipse(x, y, 14, 11, ink[3] ?? ink[0]!, 0, 'fill-opacity="0.45"');
      for (let t = 0; t < 4; t++)
        out += circle(
          x - 15 + t * 10,
          y - 16 - (t % 3 === 0 ? 0 : 5),
          4.5,
          ink[3] ?? ink[0]!,
          'fill-opacity="0.45"',
        );
    }
    const cx = w / 2;
    const cy = h * 0.55;
    const r = Math.min(w, h) * 0.26;
    const fur = rng.pick(ink.slice(0, 3));
    out += poly(
      [
        [cx - r * 0.9, cy - r * 0.3],
        [cx - r * 0.75, cy - r * 1.25],
        [cx - r * 0.2, cy - r * 0.85],
      ],
      fur,
    );
    out += poly(
      [
        [cx + r * 0.9, cy - r * 0.3],
        [cx + r * 0.75, cy - r * 1.25],
        [cx + r * 0.2, cy - r * 0.85],
      ],
      fur,
    );
    out +=
      circle(cx, cy, r, fur) +
      circle(cx - r * 0.38, cy - r * 0.1, r * 0.12, '#1b1b1b') +
      circle(cx + r * 0.38, cy - r * 0.1, r * 0.12, '#1b1b1b');
    out += poly(
      [
        [cx - r * 0.12, cy + r * 0.15],
        [cx + r * 0.12, cy + r * 0.15],
        [cx, cy + r * 0.3],
      ],
      '#ff8fa3',
    );
    for (const side of [-1, 1])
      for (let k = 0; k < 3; k++)
        out += line(
          cx + side * r * 0.3,
          cy + r * 0.25,
          cx + side * r * 1.05,
          cy + r * (0.1 + k * 0.15),
          '#ffffff',
          2,
        );
    return out;
  },
  bottles({ w, h, rng, ink }) {
    let out = '';
    for (let i = 0; i < 26; i++)
      out += circle(
        rng.next() * w,
        rng.next() * h,
        3 + rng.next() * 16,
        rng.pick(ink),
        'fill-opacity="0.25"',
      );
    const count = rng.range(2, 4);
    for (let i = 0; i < count; i++) {
      const bw = w * (0.14 + rng.next() * 0.08);
      const bh = h * (0.25 + rng.next() * 0.2);
      const x = w * (0.12 + (i * 0.78) / count);
      const y = h * 0.8 - bh;
      out +=
        rect(x, y, bw, bh, rng.pick(ink), bw * 0.25) +
        rect(x + bw * 0.25, y - bh * 0.18, bw * 0.5, bh * 0.2, '#2b2b2b', 4);
      out += rect(x + bw * 0.15, y + bh * 0.35, bw * 0.7, bh * 0.25, '#ffffff', 4, 'fill-opacity="0.75"');
    }
    return out + rect(0, h * 0.8, w, h * 0.2, '#ffffff', 0, 'fill-opacity="0.35"');
  },
} satisfies Record<string, (c: Canvas) => string>;
