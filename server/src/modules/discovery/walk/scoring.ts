// Merges walk counts into ranked pins. Per query pin q, the counts of its lanes add up to V_q[p];
// Pixie's multi-hit booster then scores p by (Σ_q √V_q[p])², which favours pins reached from
// several query pins over pins reached as often from only one. The best `limit` come out of a
// bounded min-heap (ties broken by node index, so rankings are deterministic).
// Counts live in an open-addressing table sized to the query (at most one entry per step), with
// dense per-entry arrays in first-seen order: merging a 100k-step query touches a few MB that stay
// in cache, where arrays over all pins (tens of MB at 10M pins) cost a cache miss per pin merged.
// Lanes hand their counts over in their own table's slot order, and the same Fibonacci hash puts
// them here in ascending slots too, so merging walks this table nearly sequentially. The first lane
// into an empty board is only copied (a lane's pins are distinct, so nothing to merge) and hashed
// when a second lane arrives: a one-lane, one-pin query (related pins in-thread) is ranked straight
// from its walk's counts. Reset through the entries hashed, or one pass over the table when they are
// many: no per-query allocation but the result.

export interface RankedNode {
  node: number;
  score: number;
  visits: number;
}

export class ScoreBoard {
  /** slot i: [node + 1 (0: empty), entry] at 2i, 2i + 1. */
  private slots = new Int32Array(0);
  private shift = 32;
  /** Per entry (first-seen order): its node, slot, visits from the current query pin, Σ√V, ΣV. */
  private node = new Int32Array(0);
  private slotOf = new Int32Array(0);
  private current = new Uint32Array(0);
  private boost = new Float64Array(0);
  private total = new Uint32Array(0);
  private entries = 0;
  /** Entries [0, indexed) are in the table; the rest were copied in without hashing. */
  private indexed = 0;
  /** Entries the current query pin has counts for. */
  private currentTouched = new Int32Array(0);
  private currentCount = 0;

  /** Makes room for a graph of `pins` pins and queries of up to `steps` steps. */
  fit(pins: number, steps: number): void {
    this.grow(Math.min(pins, steps));
  }

  /** Room for `capacity` entries (the table at most half full), keeping those there. */
  private grow(capacity: number): void {
    if (this.node.length >= capacity) return;
    capacity = Math.max(capacity, 2 * this.node.length, 16);
    let bits = 4;
    while (1 << bits < capacity * 2) bits++;
    const widen = <T extends Int32Array | Uint32Array | Float64Array>(old: T, make: (n: number) => T): T => {
      const next = make(capacity);
      next.set(old);
      return next;
    };
    this.node = widen(this.node, (n) => new Int32Array(n));
    this.slotOf = widen(this.slotOf, (n) => new Int32Array(n));
    this.current = widen(this.current, (n) => new Uint32Array(n));
    this.boost = widen(this.boost, (n) => new Float64Array(n));
    this.total = widen(this.total, (n) => new Uint32Array(n));
    this.currentTouched = widen(this.currentTouched, (n) => new Int32Array(n));
    this.slots = new Int32Array(2 << bits);
    this.shift = 32 - bits;
    const mask = (1 << bits) - 1;
    for (let e = 0; e < this.indexed; e++) {
      let slot = Math.imul(this.node[e]!, 0x9e3779b1) >>> this.shift;
      while (this.slots[slot << 1] !== 0) slot = (slot + 1) & mask;
      this.slots[slot << 1] = this.node[e]! + 1;
      this.slots[(slot << 1) + 1] = e;
      this.slotOf[e] = slot;
    }
  }

  /** Adds one lane's counts for the current query pin (its nodes distinct, as a walk's are). */
  addCounts(nodes: ArrayLike<number>, counts: ArrayLike<number>, length = nodes.length): void {
    this.grow(this.entries + length);
    const { slots, shift, node, slotOf, current, currentTouched } = this;
    if (this.entries === 0) {
      for (let k = 0; k < length; k++) {
        node[k] = nodes[k]!;
        current[k] = counts[k]!;
        currentTouched[k] = k;
      }
      this.entries = length;
      this.currentCount = length;
      return;
    }
    this.index();
    const mask = (slots.length >>> 1) - 1;
    for (let k = 0; k < length; k++) {
      const p = nodes[k]!;
      let slot = Math.imul(p, 0x9e3779b1) >>> shift;
      let e: number;
      for (;;) {
        const key = slots[slot << 1]!;
        if (key === p + 1) {
          e = slots[(slot << 1) + 1]!;
          break;
        }
        if (key === 0) {
          e = this.entries++;
          slots[slot << 1] = p + 1;
          slots[(slot << 1) + 1] = e;
          node[e] = p;
          slotOf[e] = slot;
          break;
        }
        slot = (slot + 1) & mask;
      }
      if (current[e] === 0) currentTouched[this.currentCount++] = e;
      current[e]! += counts[k]!;
    }
    this.indexed = this.entries;
  }

  /** Hashes the entries copied in unhashed (a first lane), before anything is merged into them. */
  private index(): void {
    const { slots, shift, node, slotOf } = this;
    const mask = (slots.length >>> 1) - 1;
    for (let e = this.indexed; e < this.entries; e++) {
      let slot = Math.imul(node[e]!, 0x9e3779b1) >>> shift;
      while (slots[slot << 1] !== 0) slot = (slot + 1) & mask;
      slots[slot << 1] = node[e]! + 1;
      slots[(slot << 1) + 1] = e;
      slotOf[e] = slot;
    }
    this.indexed = this.entries;
  }

  /** Folds the current query pin's counts into the boosted scores. */
  endQueryPin(): void {
    const { current, boost, total, currentTouched } = this;
    for (let k = 0; k < this.currentCount; k++) {
      const e = currentTouched[k]!;
      const v = current[e]!;
      boost[e]! += Math.sqrt(v);
      total[e]! += v;
      current[e] = 0;
    }
    this.currentCount = 0;
  }

  /** The best `limit` eligible pins, best first; resets the board for the next query. */
  top(limit: number, eligible: (node: number) => boolean): RankedNode[] {
    const { node, boost, total } = this;
    // Min-heap of entries on (boost, -node): the root is the weakest kept pin.
    const heap = new Int32Array(limit);
    let size = 0;
    const weaker = (a: number, b: number) =>
      boost[a]! < boost[b]! || (boost[a] === boost[b] && node[a]! > node[b]!);
    // The weakest kept pin's score and node, in locals: most entries lose to it, and are rejected
    // by one compare without a call.
    let floor = -1;
    let floorNode = 0;
    for (let e = 0; e < this.entries && limit > 0; e++) {
      const b = boost[e]!;
      if (b < floor || (b === floor && node[e]! > floorNode)) continue;
      if (!eligible(node[e]!)) continue;
      let i: number;
      if (size < limit) {
        i = size++;
        while (i > 0) {
          const parent = (i - 1) >> 1;
          if (!weaker(e, heap[parent]!)) break;
          heap[i] = heap[parent]!;
          i = parent;
        }
      } else {
        i = 0;
        for (;;) {
          const left = 2 * i + 1;
          if (left >= size) break;
          const right = left + 1;
          const child = right < size && weaker(heap[right]!, heap[left]!) ? right : left;
          if (!weaker(heap[child]!, e)) break;
          heap[i] = heap[child]!;
          i = child;
        }
      }
      heap[i] = e;
      if (size === limit) {
        floor = boost[heap[0]!]!;
        floorNode = node[heap[0]!]!;
      }
    }
    const ranked: RankedNode[] = [];
    for (let k = 0; k < size; k++) {
      const e = heap[k]!;
      // (Σ√V)², rounded off the last bits sqrt leaves (one query pin scores exactly its visits).
      const score = Math.round(boost[e]! * boost[e]! * 1e6) / 1e6;
      ranked.push({ node: node[e]!, score, visits: total[e]! });
    }
    ranked.sort((a, b) => b.score - a.score || a.node - b.node);
    this.reset();
    return ranked;
  }

  private reset(): void {
    const { slots, slotOf, boost, total, entries, indexed } = this;
    // Many entries: one sequential pass over the table beats a cache miss per entry.
    if (indexed * 8 > slots.length) slots.fill(0);
    else for (let e = 0; e < indexed; e++) slots[slotOf[e]! << 1] = 0;
    boost.fill(0, 0, entries);
    total.fill(0, 0, entries);
    this.entries = 0;
    this.indexed = 0;
  }
}
