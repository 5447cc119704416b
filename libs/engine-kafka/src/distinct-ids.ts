/**
 * The event ids an audit has seen, in memory that does not grow with every string: an
 * order's ids (`o<n>:<suffix>`) take one bit per order number and suffix, any other id a
 * set entry. A million orders' placements cost 125 KB, not a set of a million strings.
 */

const ORDER_ID = /^o(\d{1,8}):([a-z0-9-]+)$/;
const BITS_PER_BYTE = 8;

export class DistinctIds {
  private readonly bitsBySuffix = new Map<string, Uint8Array>();
  private readonly others = new Set<string>();

  /** Remembers `id`; false when it was seen before. */
  add(id: string): boolean {
    const m = ORDER_ID.exec(id);
    if (!m) return this.addOther(id);
    const n = Number(m[1]);
    const suffix = m[2] ?? '';
    const bits = this.bitsFor(suffix, n);
    const byte = Math.floor(n / BITS_PER_BYTE);
    const mask = 1 << (n % BITS_PER_BYTE);
    const had = ((bits[byte] ?? 0) & mask) !== 0;
    if (!had) bits[byte] = (bits[byte] ?? 0) | mask;
    return !had;
  }

  private addOther(id: string): boolean {
    if (this.others.has(id)) return false;
    this.others.add(id);
    return true;
  }

  /** The suffix's bits, grown (doubling) to hold order number `n`. */
  private bitsFor(suffix: string, n: number): Uint8Array {
    const need = Math.floor(n / BITS_PER_BYTE) + 1;
    const bits = this.bitsBySuffix.get(suffix);
    if (bits && bits.length >= need) return bits;
    const grown = new Uint8Array(Math.max(need, (bits?.length ?? 1024) * 2));
    if (bits) grown.set(bits);
    this.bitsBySuffix.set(suffix, grown);
    return grown;
  }
}
