/**
 * Which events each role reacts to: one list per role, read by the roles themselves and by
 * the distributed engine, which counts how many roles must still apply an event before
 * simulated time may pass it. And which role emits each event: an observer names the
 * service an event came from.
 */
import type { EventType } from '../events';

export const RoleHandles = {
  consumers: ['ArrivalDue', 'DemandTick', 'OrderAccepted', 'OrderDelivered'],
  shops: [
    'EscrowHeld',
    'BidPlaced',
    'BidDeclined',
    'RfqClosed',
    'ProductionFinished',
    'StockDispatched',
  ],
  bidding: ['RfqOpened', 'BidInvited', 'BidAwarded', 'RatingGiven', 'BatchOrdered'],
  payments: ['OrderPlaced', 'OrderDelivered', 'OrderCancelled', 'BatchDelivered'],
  wholesalers: ['StockRequested', 'WarehouseTick', 'BatchDelivered'],
} as const satisfies Record<string, readonly EventType[]>;

export type RoleName = keyof typeof RoleHandles;

/** The one role that emits each event type. */
export const EMITTED_BY: Readonly<Record<EventType, RoleName>> = {
  ArrivalDue: 'consumers',
  DemandTick: 'consumers',
  OrderPlaced: 'consumers',
  RatingGiven: 'consumers',
  EscrowHeld: 'payments',
  EscrowReleased: 'payments',
  EscrowRefunded: 'payments',
  OrderAccepted: 'shops',
  RfqOpened: 'shops',
  RfqClosed: 'shops',
  BidAwarded: 'shops',
  OrderCancelled: 'shops',
  OrderShipped: 'shops',
  OrderDelivered: 'shops',
  BidInvited: 'bidding',
  BidPlaced: 'bidding',
  BidDeclined: 'bidding',
  ProductionScheduled: 'bidding',
  ProductionStarted: 'bidding',
  ProductionFinished: 'bidding',
  StockRequested: 'shops',
  WarehouseTick: 'wholesalers',
  StockDispatched: 'wholesalers',
  BatchOrdered: 'wholesalers',
  BatchDelivered: 'bidding',
};

/** How many roles react to each event type (0: a fact only observers read). */
export const REACTIONS_PER_EVENT: Readonly<Record<EventType, number>> = (() => {
  const counts = {} as Record<EventType, number>;
  for (const types of Object.values(RoleHandles) as (readonly EventType[])[])
    for (const t of types) counts[t] = (counts[t] ?? 0) + 1;
  return counts;
})();

/** Roles that react to `type`. */
export function reactionsTo(type: EventType): number {
  return REACTIONS_PER_EVENT[type] ?? 0;
}
