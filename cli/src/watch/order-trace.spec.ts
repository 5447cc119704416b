import { Topics } from '@weft/contracts';
import { inJourneyOrder, keysNamedBy, ORDER_TOPICS, type TracedEvent } from './order-trace';
import { partitionOfKey } from './partition-reader';
import type { WireEvent } from './wire-event';

const event = (type: string, atMs: number, data: Record<string, unknown> = {}): WireEvent => ({
  v: 1,
  id: `o1:${type}`,
  type,
  atMs,
  orderId: 'o1',
  data,
});

describe('tracing an order', () => {
  it('learns the keys its other events travel under: its shop, workshops and invited ones', () => {
    expect(keysNamedBy(event('OrderPlaced', 0, { shopId: 3, consumerId: 9 }))).toEqual([
      'o1',
      's3',
    ]);
    expect(keysNamedBy(event('RfqOpened', 0, { shopId: 3, invited: [4, 7] }))).toEqual([
      'o1',
      's3',
      'w4',
      'w7',
    ]);
    expect(keysNamedBy(event('BidAwarded', 0, { shopId: 3, workshopId: 4 }))).toEqual([
      'o1',
      's3',
      'w4',
    ]);
  });

  it('reads every topic an order’s events go to, and not the demand’s own', () => {
    expect(ORDER_TOPICS).toContain(Topics.OrdersPlaced);
    expect(ORDER_TOPICS).toContain(Topics.ProductionEvents);
    expect(ORDER_TOPICS).not.toContain(Topics.ConsumersArrivals);
    expect(ORDER_TOPICS).not.toContain(Topics.CapacityUsage);
  });

  it('orders steps by simulated time, then by when they were produced', () => {
    const step = (e: WireEvent, wallMs: number): TracedEvent => ({
      topic: Topics.OrdersPlaced,
      event: e,
      wallMs,
    });
    const placed = step(event('OrderPlaced', 100), 5);
    const held = step(event('EscrowHeld', 100), 7);
    const delivered = step(event('OrderDelivered', 900), 1);
    expect([delivered, held, placed].sort(inJourneyOrder)).toEqual([placed, held, delivered]);
  });

  it('finds a key’s partition as the producers place it: murmur2, the Java client’s', () => {
    // Kafka's Java client, Utils.toPositive(Utils.murmur2(key)) % 6, computed apart.
    expect([partitionOfKey('o42', 6), partitionOfKey('s3', 6), partitionOfKey('w7', 6)]).toEqual([
      4, 5, 1,
    ]);
    for (const key of ['o1', 'o2', 's0', 'w9']) expect(partitionOfKey(key, 1)).toBe(0);
  });
});
