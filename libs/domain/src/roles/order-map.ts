/** Values per order in flight, an object each, found by order number (see OrderSlots). */
import { INITIAL_CAPACITY, OrderSlots } from './order-slots';

export class OrderMap<V> extends OrderSlots<V> {
  private slots = new Array<V | undefined>(INITIAL_CAPACITY).fill(undefined);

  protected allocate(capacity: number): void {
    this.slots = new Array<V | undefined>(capacity).fill(undefined);
  }

  protected read(slot: number): V {
    return this.slots[slot] as V;
  }

  protected write(slot: number, value: V): void {
    this.slots[slot] = value;
  }

  protected release(slot: number): void {
    this.slots[slot] = undefined;
  }
}
