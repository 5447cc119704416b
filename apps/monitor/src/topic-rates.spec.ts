import { TopicRates } from './topic-rates';

describe('TopicRates', () => {
  const at = (second: number, ms = 0) => second * 1000 + ms;

  it('counts messages per topic in the wall second they were produced', () => {
    const rates = new TopicRates();
    const placed = rates.of('orders.placed');
    placed.add(at(100, 10), 1);
    placed.add(at(100, 990), 1);
    placed.add(at(102), 3);
    rates.of('bidding.bids').add(at(101), 2);
    expect(rates.window(at(103, 500), 4)).toEqual({
      fromSec: 99,
      byTopic: { 'orders.placed': [0, 2, 0, 3], 'bidding.bids': [0, 0, 2, 0] },
    });
    expect(rates.totals()).toEqual({ 'orders.placed': 5, 'bidding.bids': 2 });
  });

  it('reuses its slots as time goes on, and counts a message older than them in the total only', () => {
    const rates = new TopicRates();
    const ring = rates.of('t');
    ring.add(at(10), 7);
    ring.add(at(10 + 64), 1); // the same slot, a ring later
    ring.add(at(10), 5); // too old for the ring now
    expect(rates.window(at(75), 2).byTopic).toEqual({ t: [0, 1] });
    expect(rates.window(at(75), 60).byTopic.t?.reduce((a, b) => a + b)).toBe(1);
    expect(rates.totals()).toEqual({ t: 13 });
  });

  it('leaves out topics with nothing in the window', () => {
    const rates = new TopicRates();
    rates.of('quiet').add(at(1), 1);
    expect(rates.window(at(500), 60).byTopic).toEqual({});
  });
});
