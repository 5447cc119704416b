/**
 * Which events each role reacts to: one list per role, read by the roles themselves and by
 * the distributed engine, which counts how many roles must still apply an event before
 * simulated time may pass it.
 */
import type { EventType } from '../events';

export const RoleHandles = {
  consumers: ['ArrivalDue', 'DemandTick', 'OrderAccepted', 'OrderDelivered'],
  shops: ['EscrowHeld', 'BidPlaced', 'BidDeclined', 'RfqClosed', 'ProductionFinished'],
  bidding: ['RfqOpened', 'BidInvited', 'BidAwarded', 'RatingGiven'],
  payments: ['OrderPlaced', 'OrderDelivered', 'OrderCancelled'],
} as const satisfies Record<string, readonly EventType[]>;

export type RoleName = keyof typeof RoleHandles;

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
