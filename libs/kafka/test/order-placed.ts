/** A small OrderPlaced for transport tests: order `o<n>`, at simulated ms `n`. */
import type { AnyEvent } from '@weft/domain';

export const placed = (n: number): AnyEvent => ({
  id: `o${n}:placed`,
  type: 'OrderPlaced',
  atMs: n,
  orderId: `o${n}`,
  data: {
    consumerId: n,
    shopId: 1,
    category: 0,
    quantity: 1,
    unitPriceCents: 100,
    totalCents: 100,
    wantedByMs: 10_000_000,
  },
});
