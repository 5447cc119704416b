/**
 * Money held per open order, kept in typed arrays rather than an object per order in a
 * map: a world of millions of orders in flight holds a few numbers for each, not a map
 * entry, a key and an object. Read and written through the surface of a `Map`, so a store
 * loads and saves it as it would a map.
 *
 * Orders are numbered as they are placed (`o${n}`) and leave within days, so the open ones
 * are the last few of a long sequence: slot `n mod capacity` holds order `n`. Capacity
 * doubles while more than half the slots are taken; an order whose slot is wanted by a
 * newer one (it has stayed open a long time) moves to a small map, as does any order not
 * numbered that way.
 */

export interface Escrow {
  cents: number;
  consumerId: number;
}

const INITIAL_CAPACITY = 1 << 10;
const EMPTY = -1;

export class EscrowBook {
  /** The order number in each slot, or EMPTY. */
  private orderNo = new Float64Array(INITIAL_CAPACITY).fill(EMPTY);
  private cents = new Float64Array(INITIAL_CAPACITY);
  private consumerId = new Float64Array(INITIAL_CAPACITY);
  private inSlots = 0;
  private readonly others = new Map<string, Escrow>();

  get size(): number {
    return this.inSlots + this.others.size;
  }

  has(orderId: string): boolean {
    const n = orderNumber(orderId);
    if (n >= 0 && this.orderNo[n & (this.orderNo.length - 1)] === n) return true;
    return this.others.size > 0 && this.others.has(orderId);
  }

  get(orderId: string): Escrow | undefined {
    const n = orderNumber(orderId);
    if (n >= 0) {
      const slot = n & (this.orderNo.length - 1);
      if (this.orderNo[slot] === n)
        return { cents: this.cents[slot] as number, consumerId: this.consumerId[slot] as number };
    }
    return this.others.size > 0 ? this.others.get(orderId) : undefined;
  }

  set(orderId: string, escrow: Escrow): this {
    const n = orderNumber(orderId);
    if (n < 0) {
      this.others.set(orderId, { cents: escrow.cents, consumerId: escrow.consumerId });
      return this;
    }
    if (this.others.size > 0) this.others.delete(orderId);
    if (2 * (this.inSlots + 1) > this.orderNo.length) this.grow();
    const slot = n & (this.orderNo.length - 1);
    const held = this.orderNo[slot] as number;
    if (held !== n) {
      if (held !== EMPTY) this.others.set(`o${held}`, this.take(slot));
      this.inSlots++;
    }
    this.orderNo[slot] = n;
    this.cents[slot] = escrow.cents;
    this.consumerId[slot] = escrow.consumerId;
    return this;
  }

  delete(orderId: string): boolean {
    const n = orderNumber(orderId);
    if (n >= 0) {
      const slot = n & (this.orderNo.length - 1);
      if (this.orderNo[slot] === n) {
        this.take(slot);
        return true;
      }
    }
    return this.others.size > 0 && this.others.delete(orderId);
  }

  clear(): void {
    this.orderNo.fill(EMPTY);
    this.inSlots = 0;
    this.others.clear();
  }

  *values(): IterableIterator<Escrow> {
    for (let slot = 0; slot < this.orderNo.length; slot++)
      if (this.orderNo[slot] !== EMPTY)
        yield { cents: this.cents[slot] as number, consumerId: this.consumerId[slot] as number };
    yield* this.others.values();
  }

  /** Empties a slot and returns what it held. */
  private take(slot: number): Escrow {
    this.orderNo[slot] = EMPTY;
    this.inSlots--;
    return { cents: this.cents[slot] as number, consumerId: this.consumerId[slot] as number };
  }

  private grow(): void {
    const { orderNo, cents, consumerId } = this;
    const capacity = orderNo.length * 2;
    this.orderNo = new Float64Array(capacity).fill(EMPTY);
    this.cents = new Float64Array(capacity);
    this.consumerId = new Float64Array(capacity);
    const mask = capacity - 1;
    for (let old = 0; old < orderNo.length; old++) {
      const n = orderNo[old] as number;
      if (n === EMPTY) continue;
      // Two orders that shared a slot of the smaller table cannot share one of this.
      const slot = n & mask;
      this.orderNo[slot] = n;
      this.cents[slot] = cents[old] as number;
      this.consumerId[slot] = consumerId[old] as number;
    }
  }
}

/** `n` for an id `o${n}` (n a non-negative integer below 2^31, written plainly), else -1. */
export function orderNumber(orderId: string): number {
  const len = orderId.length;
  if (len < 2 || len > 11 || orderId.charCodeAt(0) !== 111 /* o */) return -1;
  if (len > 2 && orderId.charCodeAt(1) === 48 /* 0 */) return -1;
  let n = 0;
  for (let i = 1; i < len; i++) {
    const d = orderId.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n < 2 ** 31 ? n : -1;
}
