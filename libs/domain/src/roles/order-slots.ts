/**
 * A map from order id to a value, for orders in flight: a role that holds hundreds of
 * thousands of them finds one by its number instead of hashing its id into a large table,
 * and may keep the values in columns rather than an object each.
 *
 * Orders are numbered as they are placed (`o${n}`) and leave within days, so the open ones
 * are the last few of a long sequence: slot `n mod capacity` holds order `n`. Capacity
 * doubles while more than half the slots are taken; an order whose slot is wanted by a
 * newer one (it has stayed open a long time) moves to a small map, as does any order not
 * numbered that way. The surface is a `Map`'s, so a store loads and saves it as one.
 *
 * A subclass says how a slot's value is kept: its columns start INITIAL_CAPACITY long,
 * `allocate` makes fresh ones for a larger capacity, `read`, `write` and `release` use
 * one slot of them.
 */

/** The slots a table starts with: a subclass's columns start this long. */
export const INITIAL_CAPACITY = 1 << 10;
const EMPTY = -1;

export abstract class OrderSlots<V> {
  /** The order number in each slot, or EMPTY. */
  private orderNo = new Float64Array(INITIAL_CAPACITY).fill(EMPTY);
  private inSlots = 0;
  private readonly others = new Map<string, V>();

  /** Makes fresh, empty columns of `capacity` slots. */
  protected abstract allocate(capacity: number): void;
  protected abstract read(slot: number): V;
  protected abstract write(slot: number, value: V): void;
  /** Lets go of what a slot held (an object a column refers to). */
  protected abstract release(slot: number): void;

  get size(): number {
    return this.inSlots + this.others.size;
  }

  has(orderId: string): boolean {
    const n = orderNumber(orderId);
    if (n >= 0 && this.orderNo[n & (this.orderNo.length - 1)] === n) return true;
    return this.others.size > 0 && this.others.has(orderId);
  }

  get(orderId: string): V | undefined {
    const n = orderNumber(orderId);
    if (n >= 0) {
      const slot = n & (this.orderNo.length - 1);
      if (this.orderNo[slot] === n) return this.read(slot);
    }
    return this.others.size > 0 ? this.others.get(orderId) : undefined;
  }

  set(orderId: string, value: V): this {
    const n = orderNumber(orderId);
    if (n < 0) {
      this.others.set(orderId, value);
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
    this.write(slot, value);
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
    for (let slot = 0; slot < this.orderNo.length; slot++)
      if (this.orderNo[slot] !== EMPTY) this.take(slot);
    this.others.clear();
  }

  /** Every entry: the numbered orders by slot, then the others. */
  *entries(): IterableIterator<[string, V]> {
    for (let slot = 0; slot < this.orderNo.length; slot++) {
      const n = this.orderNo[slot] as number;
      if (n !== EMPTY) yield [`o${n}`, this.read(slot)];
    }
    yield* this.others.entries();
  }

  *values(): IterableIterator<V> {
    for (const [, value] of this.entries()) yield value;
  }

  /** Empties a slot and returns what it held. */
  private take(slot: number): V {
    const value = this.read(slot);
    this.orderNo[slot] = EMPTY;
    this.release(slot);
    this.inSlots--;
    return value;
  }

  private grow(): void {
    const held: [number, V][] = [];
    for (let slot = 0; slot < this.orderNo.length; slot++) {
      const n = this.orderNo[slot] as number;
      if (n !== EMPTY) held.push([n, this.read(slot)]);
    }
    const capacity = this.orderNo.length * 2;
    this.orderNo = new Float64Array(capacity).fill(EMPTY);
    this.allocate(capacity);
    // Two orders that shared a slot of the smaller table cannot share one of this.
    const mask = capacity - 1;
    for (const [n, value] of held) {
      this.orderNo[n & mask] = n;
      this.write(n & mask, value);
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
