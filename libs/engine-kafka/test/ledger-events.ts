/** Small payments events for the audit's tests: order `o<n>`, placed, delivered or cancelled. */
import type { AnyEvent } from '@weft/domain';

export const placed = (n: number, totalCents: number): AnyEvent => ({
  id: `o${n}:placed`,
  type: 'OrderPlaced',
  atMs: n * 1000,
  orderId: `o${n}`,
  data: {
    consumerId: n,
    shopId: 1,
    category: 0,
    quantity: 1,
    unitPriceCents: totalCents,
    totalCents,
    wantedByMs: 100 * 3_600_000,
  },
});

export const delivered = (n: number, totalCents: number, costCents: number): AnyEvent => ({
  id: `o${n}:delivered`,
  type: 'OrderDelivered',
  atMs: n * 1000 + 50 * 3_600_000,
  orderId: `o${n}`,
  data: {
    shopId: 1,
    workshopId: 2,
    consumerId: n,
    category: 0,
    placedAtMs: n * 1000,
    wantedByMs: 100 * 3_600_000,
    totalCents,
    costCents,
  },
});

export const cancelled = (n: number): AnyEvent => ({
  id: `o${n}:cancelled`,
  type: 'OrderCancelled',
  atMs: n * 1000 + 6 * 3_600_000,
  orderId: `o${n}`,
  data: { shopId: 1, consumerId: n, category: 0, placedAtMs: n * 1000, reason: 'no-bids' },
});

/**
 * A small run as the broker holds it, with the hand-computed state an honest payments
 * service leaves (commission 5 %): o1 delivered (10,000 cents, its workshop paid 6,000),
 * o2 cancelled (4,000 refunded), o3 still in escrow (2,500). The broker redelivered o1's
 * placement, and o1's delivery is read before its placement (another topic).
 */
export const smallRun = {
  events: [
    delivered(1, 10_000, 6_000),
    placed(1, 10_000),
    placed(2, 4_000),
    placed(1, 10_000),
    placed(3, 2_500),
    cancelled(2),
    delivered(1, 10_000, 6_000),
  ],
  balances: {
    consumers: -12_500,
    escrow: 2_500,
    shops: 3_500,
    workshops: 6_000,
    platform: 500,
    wholesalers: 0,
  },
  counters: { placed: 3, delivered: 1, cancelled: 1 },
  states: { escrowOrders: 1, escrowCents: 2_500, shopOrdersWithoutEscrow: 0 },
};
