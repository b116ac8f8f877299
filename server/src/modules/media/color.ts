// The dominant colour of a picture: pixels are quantized to 4 bits per channel (4096 buckets), the
// most populous bucket wins, and its pixels' mean is the answer, so the result is a colour that is
// really in the picture rather than a muddy average of all of them. Pure: pixels come from sharp.

function hex(value: number): string {
  return Math.round(value).toString(16).padStart(2, '0');
}

export function toHexColor(r: number, g: number, b: number): string {
  return `#${hex(r)}${hex(g)}${hex(b)}`;
}

/** Dominant colour of interleaved 8-bit pixels (the first three channels are R, G, B) as "#rrggbb". */
export function dominantColor(pixels: Uint8Array, channels = 3): string {
  if (channels < 3) throw new Error('dominantColor needs RGB pixels');
  const count = new Uint32Array(4096);
  const sums = new Float64Array(4096 * 3);
  for (let i = 0; i + channels <= pixels.length; i += channels) {
    const r = pixels[i]!;
    const g = pixels[i + 1]!;
    const b = pixels[i + 2]!;
    const bucket = ((r >> 4) << 8) | ((g >> 4) << 4) | (b >> 4);
    count[bucket]!++;
    sums[bucket * 3] = sums[bucket * 3]! + r;
    sums[bucket * 3 + 1] = sums[bucket * 3 + 1]! + g;
    sums[bucket * 3 + 2] = sums[bucket * 3 + 2]! + b;
  }
  let best = -1;
  let bestCount = 0;
  for (let bucket = 0; bucket < 4096; bucket++) {
    if (count[bucket]! > bestCount) {
      best = bucket;
      bestCount = count[bucket]!;
    }
  }
  if (best < 0) return '#ffffff';
  return toHexColor(
    sums[best * 3]! / bestCount,
    sums[best * 3 + 1]! / bestCount,
    sums[best * 3 + 2]! / bestCount,
  );
}
