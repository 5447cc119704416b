import { EVENT_TYPES, RoleHandles, type AnyEvent, type EventType } from '@weft/domain';
import { EventRoutes, ServiceInputs } from './topics';

/** A minimal event of a type, with the ids the routes key by. */
const anEvent = (type: EventType): AnyEvent =>
  ({
    id: 'o1:x',
    type,
    atMs: 0,
    orderId: 'o1',
    data: { shopId: 3, workshopId: 7, wholesalerId: 5 },
  }) as unknown as AnyEvent;

const keyOf = (type: EventType) =>
  (EventRoutes[type].key as (e: AnyEvent) => string)(anEvent(type));

describe('the topic catalogue', () => {
  it('brings every event a role reacts to onto a topic its service reads', () => {
    for (const [role, types] of Object.entries(RoleHandles)) {
      const inputs = ServiceInputs[role as keyof typeof RoleHandles] as readonly string[];
      for (const type of types)
        expect([role, type, inputs.includes(EventRoutes[type].topic)]).toEqual([role, type, true]);
    }
  });

  it('keys every event a shop decides from by the shop, so one shops instance owns each shop', () => {
    for (const type of RoleHandles.shops) expect([type, keyOf(type)]).toEqual([type, 's3']);
  });

  it('keys every event that changes a workshop by the workshop, so one bidding instance owns each workshop', () => {
    for (const type of ['BidInvited', 'BidAwarded', 'RatingGiven', 'BatchOrdered'] as const)
      expect([type, keyOf(type)]).toEqual([type, 'w7']);
  });

  it('keys every event a wholesaler reacts to by the wholesaler, so one wholesalers instance owns each warehouse', () => {
    for (const type of RoleHandles.wholesalers) expect([type, keyOf(type)]).toEqual([type, 'h5']);
  });

  it('routes every event type', () => {
    for (const type of EVENT_TYPES) expect(EventRoutes[type]).toBeDefined();
  });
});
