import { Journeys, ORDER_STAGES } from './journeys';

const stageCount = (j: Journeys, stage: string) =>
  j.stageCounts[ORDER_STAGES.indexOf(stage as (typeof ORDER_STAGES)[number])];

describe('Journeys', () => {
  it('moves an order forward only, whatever order its events come in', () => {
    const j = new Journeys(10);
    j.record('o1', 'OrderPlaced', 'o1:placed', 0, 1000);
    j.record('o1', 'BidAwarded', 'o1:award', 3_600_000, 1300);
    j.record('o1', 'EscrowHeld', 'o1:escrow', 0, 1100); // read late, from another topic
    expect(stageCount(j, 'awarded')).toBe(1);
    expect(stageCount(j, 'escrow held')).toBe(0);
    expect(stageCount(j, 'placed')).toBe(0);
    expect(j.journey('o1')?.stage).toBe('awarded');
  });

  it('tells a journey in simulated-time order, with each topic and the service that emitted it', () => {
    const j = new Journeys(10);
    j.record('o2', 'EscrowHeld', 'o2:escrow', 60_000, 2000);
    j.record('o2', 'OrderPlaced', 'o2:placed', 60_000, 1000);
    j.record('o2', 'RatingGiven', 'o2:rating', 90_000_000, 5000);
    expect(j.journey('o2')?.steps).toEqual([
      {
        type: 'OrderPlaced',
        id: 'o2:placed',
        atMs: 60_000,
        wallMs: 1000,
        topic: 'orders.placed',
        service: 'consumers',
      },
      {
        type: 'EscrowHeld',
        id: 'o2:escrow',
        atMs: 60_000,
        wallMs: 2000,
        topic: 'payments.escrow',
        service: 'payments',
      },
      {
        type: 'RatingGiven',
        id: 'o2:rating',
        atMs: 90_000_000,
        wallMs: 5000,
        topic: 'ratings',
        service: 'consumers',
      },
    ]);
    expect(j.journey('o3')).toBeUndefined();
  });

  it('forgets the oldest order beyond its bound: its event ids go, an ended order stays counted', () => {
    const forgotten: string[] = [];
    const j = new Journeys(2, (id) => forgotten.push(id));
    j.record('o1', 'OrderPlaced', 'o1:placed', 0, 0);
    j.record('o1', 'EscrowReleased', 'o1:released', 9, 0);
    j.record('o2', 'OrderPlaced', 'o2:placed', 1, 0);
    j.record('o3', 'OrderPlaced', 'o3:placed', 2, 0); // o1 goes
    j.record('o4', 'OrderPlaced', 'o4:placed', 3, 0); // o2 goes, unfinished
    expect(j.size).toBe(2);
    expect(forgotten).toEqual(['o1:placed', 'o1:released', 'o2:placed']);
    expect(stageCount(j, 'settled')).toBe(1);
    expect(stageCount(j, 'placed')).toBe(2);
    expect(j.forgotten).toBe(1);
    expect(j.journey('o1')).toBeUndefined();
  });

  it('offers the orders placed last and ended last, newest first, a few of each', () => {
    const j = new Journeys(100);
    for (let n = 1; n <= 12; n++) j.record(`o${n}`, 'OrderPlaced', `o${n}:placed`, n, n);
    j.record('o3', 'OrderCancelled', 'o3:cancelled', 20, 20);
    j.record('o3', 'EscrowRefunded', 'o3:refunded', 20, 21);
    const { placed, ended } = j.sample();
    expect(placed.map((o) => o.orderId)).toEqual([
      'o12',
      'o11',
      'o10',
      'o9',
      'o8',
      'o7',
      'o6',
      'o5',
    ]);
    expect(ended).toEqual([{ orderId: 'o3', stage: 'refunded' }]);
  });
});
