/**
 * Money held per open order, kept in typed columns rather than an object per order in a
 * map: a world of millions of orders in flight holds a few numbers for each, not a map
 * entry, a key and an object. Found by order number and read and written through the
 * surface of a `Map` (see OrderSlots), so a store loads and saves it as it would a map.
 */
import { INITIAL_CAPACITY, OrderSlots } from './order-slots';

export { orderNumber } from './order-slots';

export interface Escrow {
  cents: number;
  consumerId: number;
}

export class EscrowBook extends OrderSlots<Escrow> {
  private cents = new Float64Array(INITIAL_CAPACITY);
  private consumerId = new Float64Array(INITIAL_CAPACITY);

  protected allocate(capacity: number): void {
    this.cents = new Float64Array(capacity);
    this.consumerId = new Float64Array(capacity);
  }

  protected read(slot: number): Escrow {
    return { cents: this.cents[slot] as number, consumerId: this.consumerId[slot] as number };
  }

  protected write(slot: number, escrow: Escrow): void {
    this.cents[slot] = escrow.cents;
    this.consumerId[slot] = escrow.consumerId;
  }

  protected release(): void {
    // Numbers in columns: nothing to let go of.
  }
}
