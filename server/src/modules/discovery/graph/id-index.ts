// Dense node indexes for 64-bit database ids: index → id in two Uint32 arrays (high and low
// halves), id → index in an open-addressing hash table of indexes (linear probing, at most half
// full). 16 bytes a node; a JS Map would cost several times that and stops at 2^24 entries.
// Indexes are handed out in order and never reused, so they stay valid across compactions.

const EMPTY = 0xffffffff;
const TWO32 = 4294967296;

function splitId(id: bigint | string | number): [number, number] {
  const big = typeof id === 'bigint' ? id : BigInt(id);
  if (big < 0n || big >= 1n << 64n) throw new RangeError(`not a 64-bit id: ${id}`);
  return [Number(big >> 32n), Number(big & 0xffffffffn)];
}

function mix(hi: number, lo: number): number {
  let h = Math.imul(lo ^ Math.imul(hi, 0x9e3779b1), 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

export class IdIndex {
  private hi: Uint32Array;
  private lo: Uint32Array;
  private slots: Uint32Array;
  private mask: number;
  size = 0;

  constructor(expected = 1024) {
    const capacity = Math.max(16, expected);
    this.hi = new Uint32Array(capacity);
    this.lo = new Uint32Array(capacity);
    let slots = 32;
    while (slots < capacity * 2) slots *= 2;
    this.slots = new Uint32Array(slots).fill(EMPTY);
    this.mask = slots - 1;
  }

  /** The index of `id`, or -1. */
  get(id: bigint | string | number): number {
    const [hi, lo] = splitId(id);
    return this.find(hi, lo);
  }

  /** The index of `id`, assigning the next one if it is new. */
  add(id: bigint | string | number): number {
    const [hi, lo] = splitId(id);
    return this.addParts(hi, lo);
  }

  /** As add(), from the id's high and low 32 bits (generators that never hold a bigint). */
  addParts(hi: number, lo: number): number {
    const found = this.find(hi, lo);
    if (found >= 0) return found;
    if (this.size === this.hi.length) this.growIds();
    if ((this.size + 1) * 2 > this.slots.length) this.rehash(this.slots.length * 2);
    const index = this.size++;
    this.hi[index] = hi;
    this.lo[index] = lo;
    this.insert(index);
    return index;
  }

  /** The id at `index`, as the decimal string ids travel as. */
  idOf(index: number): string {
    return this.bigIdOf(index).toString();
  }

  bigIdOf(index: number): bigint {
    if (index < 0 || index >= this.size) throw new RangeError(`no node ${index}`);
    return (BigInt(this.hi[index]!) << 32n) | BigInt(this.lo[index]!);
  }

  /** For ids below 2^53 (tests, generators). */
  numericIdOf(index: number): number {
    return this.hi[index]! * TWO32 + this.lo[index]!;
  }

  bytes(): number {
    return this.hi.byteLength + this.lo.byteLength + this.slots.byteLength;
  }

  private find(hi: number, lo: number): number {
    let slot = mix(hi, lo) & this.mask;
    for (;;) {
      const index = this.slots[slot]!;
      if (index === EMPTY) return -1;
      if (this.lo[index] === lo && this.hi[index] === hi) return index;
      slot = (slot + 1) & this.mask;
    }
  }

  private insert(index: number): void {
    let slot = mix(this.hi[index]!, this.lo[index]!) & this.mask;
    while (this.slots[slot] !== EMPTY) slot = (slot + 1) & this.mask;
    this.slots[slot] = index;
  }

  private growIds(): void {
    const capacity = Math.ceil(this.hi.length * 1.5);
    const hi = new Uint32Array(capacity);
    const lo = new Uint32Array(capacity);
    hi.set(this.hi);
    lo.set(this.lo);
    this.hi = hi;
    this.lo = lo;
  }

  private rehash(slots: number): void {
    this.slots = new Uint32Array(slots).fill(EMPTY);
    this.mask = slots - 1;
    for (let index = 0; index < this.size; index++) this.insert(index);
  }
}
