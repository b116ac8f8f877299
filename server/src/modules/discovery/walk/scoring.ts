// Merges walk counts into ranked pins. Per query pin q, the counts of its lanes add up to V_q[p];
// Pixie's multi-hit booster then scores p by (Σ_q √V_q[p])², which favours pins reached from
// several query pins over pins reached as often from only one. The best `limit` come out of a
// bounded min-heap (ties broken by node index, so rankings are deterministic).
// Typed arrays over all pins, reset through touched lists: no per-query allocation but the result.

export interface RankedNode {
  node: number;
  score: number;
  visits: number;
}

export class ScoreBoard {
  private current = new Uint32Array(0);
  private currentTouched = new Uint32Array(0);
  private currentCount = 0;
  private boost = new Float64Array(0);
  private total = new Uint32Array(0);
  private touched = new Uint32Array(0);
  private touchedCount = 0;

  /** Makes room for a graph of `pins` pins and queries of up to `steps` steps. */
  fit(pins: number, steps: number): void {
    if (this.current.length < pins) {
      const size = Math.ceil(pins * 1.25);
      this.current = new Uint32Array(size);
      this.boost = new Float64Array(size);
      this.total = new Uint32Array(size);
    }
    if (this.touched.length < steps) {
      this.currentTouched = new Uint32Array(steps);
      this.touched = new Uint32Array(steps);
    }
  }

  /** Adds one lane's counts for the current query pin. */
  addCounts(nodes: ArrayLike<number>, counts: ArrayLike<number>, length = nodes.length): void {
    for (let k = 0; k < length; k++) {
      const p = nodes[k]!;
      if (this.current[p] === 0) this.currentTouched[this.currentCount++] = p;
      this.current[p]! += counts[k]!;
    }
  }

  /** Folds the current query pin's counts into the boosted scores. */
  endQueryPin(): void {
    for (let k = 0; k < this.currentCount; k++) {
      const p = this.currentTouched[k]!;
      const v = this.current[p]!;
      if (this.total[p] === 0) this.touched[this.touchedCount++] = p;
      this.boost[p]! += Math.sqrt(v);
      this.total[p]! += v;
      this.current[p] = 0;
    }
    this.currentCount = 0;
  }

  /** The best `limit` eligible pins, best first; resets the board for the next query. */
  top(limit: number, eligible: (node: number) => boolean): RankedNode[] {
    const heapNode = new Int32Array(limit);
    const heapKey = new Float64Array(limit);
    let size = 0;
    // Min-heap on (boost, -node): the root is the weakest kept pin.
    const weaker = (ka: number, na: number, kb: number, nb: number) => ka < kb || (ka === kb && na > nb);
    for (let k = 0; k < this.touchedCount && limit > 0; k++) {
      const p = this.touched[k]!;
      const key = this.boost[p]!;
      if (size === limit && !weaker(heapKey[0]!, heapNode[0]!, key, p)) continue;
      if (!eligible(p)) continue;
      let i: number;
      if (size < limit) {
        i = size++;
        while (i > 0) {
          const parent = (i - 1) >> 1;
          if (!weaker(key, p, heapKey[parent]!, heapNode[parent]!)) break;
          heapKey[i] = heapKey[parent]!;
          heapNode[i] = heapNode[parent]!;
          i = parent;
        }
      } else {
        i = 0;
        for (;;) {
          const left = 2 * i + 1;
          if (left >= size) break;
          const right = left + 1;
          const child =
            right < size && weaker(heapKey[right]!, heapNode[right]!, heapKey[left]!, heapNode[left]!)
              ? right
              : left;
          if (!weaker(heapKey[child]!, heapNode[child]!, key, p)) break;
          heapKey[i] = heapKey[child]!;
          heapNode[i] = heapNode[child]!;
          i = child;
        }
      }
      heapKey[i] = key;
      heapNode[i] = p;
    }
    const ranked: RankedNode[] = [];
    for (let k = 0; k < size; k++) {
      const node = heapNode[k]!;
      // (Σ√V)², rounded off the last bits sqrt leaves (one query pin scores exactly its visits).
      const score = Math.round(heapKey[k]! * heapKey[k]! * 1e6) / 1e6;
      ranked.push({ node, score, visits: this.total[node]! });
    }
    ranked.sort((a, b) => b.score - a.score || a.node - b.node);
    this.reset();
    return ranked;
  }

  private reset(): void {
    for (let k = 0; k < this.touchedCount; k++) {
      const p = this.touched[k]!;
      this.boost[p] = 0;
      this.total[p] = 0;
    }
    this.touchedCount = 0;
  }
}
