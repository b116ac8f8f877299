// Zipf (power-law) ranks: rank k of n comes up with probability proportional to 1/k^s, so a few
// pins, users and boards get most of the attention. Sampling is O(1) without tables, by Hörmann
// and Derflinger's rejection-inversion (as in Apache Commons RNG), so a sampler over a million
// ranks costs nothing to build. Pure.
import type { Rng } from './random.ts';

/** log1p(x)/x, accurate near 0. */
function helper1(x: number): number {
  return Math.abs(x) > 1e-8 ? Math.log1p(x) / x : 1 - x * (0.5 - x * (1 / 3 - 0.25 * x));
}

/** expm1(x)/x, accurate near 0. */
function helper2(x: number): number {
  return Math.abs(x) > 1e-8 ? Math.expm1(x) / x : 1 + x * 0.5 * (1 + (x / 3) * (1 + 0.25 * x));
}

export class Zipf {
  private readonly hX1: number;
  private readonly hN: number;
  private readonly squeeze: number;

  /** Ranks 1..n with exponent s (> 0; 1 is classic Zipf). */
  constructor(
    readonly n: number,
    readonly s = 1,
  ) {
    if (!(n >= 1) || !Number.isInteger(n)) throw new RangeError(`Zipf needs n >= 1 (got ${n})`);
    if (!(s > 0)) throw new RangeError(`Zipf needs s > 0 (got ${s})`);
    this.hX1 = this.hIntegral(1.5) - 1;
    this.hN = this.hIntegral(n + 0.5);
    this.squeeze = 2 - this.hIntegralInverse(this.hIntegral(2.5) - this.h(2));
  }

  private h(x: number): number {
    return Math.exp(-this.s * Math.log(x));
  }

  private hIntegral(x: number): number {
    const logX = Math.log(x);
    return helper2((1 - this.s) * logX) * logX;
  }

  private hIntegralInverse(x: number): number {
    const t = Math.max(x * (1 - this.s), -1);
    return Math.exp(helper1(t) * x);
  }

  /** A rank in 1..n. */
  sample(rng: Rng): number {
    for (;;) {
      const u = this.hN + rng.next() * (this.hX1 - this.hN);
      const x = this.hIntegralInverse(u);
      const k = Math.min(this.n, Math.max(1, Math.floor(x + 0.5)));
      if (k - x <= this.squeeze || u >= this.hIntegral(k + 0.5) - this.h(k)) return k;
    }
  }

  /** A 0-based index into a list of n, most popular first. */
  index(rng: Rng): number {
    return this.sample(rng) - 1;
  }
}

/** The exact probability of each rank 1..n (for tests and summaries). */
export function zipfProbabilities(n: number, s = 1): number[] {
  const weights = Array.from({ length: n }, (_, i) => 1 / (i + 1) ** s);
  const total = weights.reduce((a, b) => a + b, 0);
  return weights.map((w) => w / total);
}
