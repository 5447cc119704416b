/**
 * A map from order id to a value, for orders in flight: a role that holds hundreds of
 * thousands of them finds one by its number instead of hashing its id into a large table.
 *
 * Orders are numbered as they are placed (`o${n}`) and leave within days, so the open ones
 * are the last few of a long sequence: slot `n mod capacity` holds order `n`. Capacity
 * doubles while more than half the slots are taken; an order whose slot is wanted by a
 * newer one (it has stayed open a long time) moves to a small map, as does any order not
 * numbered that way. The surface is a `Map`'s, so a store loads and saves it as one.
 */
import { orderNumber } from './escrow-book';

const INITIAL_CAPACITY = 1 << 10;
const EMPTY = -1;

export class OrderMap<V> {
  /** The order number in each slot, or EMPTY. */
  private orderNo = new Float64Array(INITIAL_CAPACITY).fill(EMPTY);
  private values: (V | undefined)[] = new Array<V | undefined>(INITIAL_CAPACITY).fill(undefined);
  private inSlots = 0;
  private readonly others = new Map<string, V>();

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
      if (this.orderNo[slot] === n) return this.values[slot];
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
    this.values[slot] = value;
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
    this.values.fill(undefined);
    this.inSlots = 0;
    this.others.clear();
  }

  /** Every entry: the numbered orders by slot, then the others. */
  *entries(): IterableIterator<[string, V]> {
    for (let slot = 0; slot < this.orderNo.length; slot++) {
      const n = this.orderNo[slot] as number;
      if (n !== EMPTY) yield [`o${n}`, this.values[slot] as V];
    }
    yield* this.others.entries();
  }

  /** Empties a slot and returns what it held. */
  private take(slot: number): V {
    const value = this.values[slot] as V;
    this.orderNo[slot] = EMPTY;
    this.values[slot] = undefined;
    this.inSlots--;
    return value;
  }

  private grow(): void {
    const { orderNo, values } = this;
    const capacity = orderNo.length * 2;
    this.orderNo = new Float64Array(capacity).fill(EMPTY);
    this.values = new Array<V | undefined>(capacity).fill(undefined);
    const mask = capacity - 1;
    for (let old = 0; old < orderNo.length; old++) {
      const n = orderNo[old] as number;
      if (n === EMPTY) continue;
      // Two orders that shared a slot of the smaller table cannot share one of this.
      const slot = n & mask;
      this.orderNo[slot] = n;
      this.values[slot] = values[old];
    }
  }
}
