/**
 * The model's levers, run whole in the in-process engine: the platform's fees reach the
 * consumer's price, and warm-up days leave the KPIs to what follows them.
 */
import type { RunReport } from '@weft/telemetry';
import { smallScenario } from '../../../tests/support/scenarios';
import { runDes } from '../src';

const withCommission = (commissionRate: number) => smallScenario({ payments: { commissionRate } });

describe('the platform’s commission', () => {
  const low = runDes(withCommission(0.05));
  const high = runDes(withCommission(0.2));

  it('reaches the consumer’s price: listings are grossed up by it', () => {
    // 0.95 / 0.8 ≈ 1.19 for the same sourcing cost
    expect(high.prices.meanListing / low.prices.meanListing).toBeGreaterThan(1.12);
  });

  it('costs the platform chain orders: more consumers find no shop they can afford', () => {
    expect(high.orders.walkedAway).toBeGreaterThan(2 * low.orders.walkedAway);
    expect(high.orders.placed).toBeLessThan(low.orders.placed);
  });

  it('is the platform’s share of the consumer’s price, and the shares add up to 1', () => {
    for (const [r, rate] of [
      [low, 0.05],
      [high, 0.2],
    ] as const) {
      const split = r.prices.split;
      expect(split.platform).toBeCloseTo(rate, 4);
      const sum =
        split.material + split.labour + split.workshopMargin + split.shop + split.platform;
      expect(sum).toBeCloseTo(1, 3);
      expect(r.prices.platformTakeShare).toBeCloseTo(rate, 3);
    }
  });

  it('reports shops’ net margins after fees', () => {
    expect(high.shops.meanNetMarginShare).toBeLessThan(low.shops.meanNetMarginShare);
    expect(low.shops.netCents).toBeGreaterThan(0);
  });
});

describe('warm-up days', () => {
  const twoDays = { durationHours: 48, horizonHours: 168 };
  const cold = runDes(smallScenario(twoDays));
  const warm = runDes(smallScenario({ ...twoDays, warmupDays: 1 }));
  const sumFrom = (xs: number[], from: number) => xs.slice(from).reduce((a, b) => a + b, 0);

  it('leave the world’s course unchanged: only what is measured moves', () => {
    expect(warm.events.total).toBe(cold.events.total);
    expect(warm.ledger.balances).toEqual(cold.ledger.balances);
  });

  it('measure only orders placed after them', () => {
    expect(warm.warmupDays).toBe(1);
    expect(warm.orders.placed).toBe(sumFrom(cold.series.placedByHour, 24));
    expect(warm.orders.placed).toBeLessThan(cold.orders.placed * 0.6);
    expect(warm.orders.delivered + warm.orders.cancelled + warm.orders.open).toBe(
      warm.orders.placed,
    );
    const byCategory = (r: RunReport) => r.byCategory.reduce((a, c) => a + c.placed, 0);
    expect(byCategory(warm)).toBe(warm.orders.placed);
  });
});

describe('the report by category', () => {
  const r = runDes(smallScenario());

  it('accounts for every order, delivered or cancelled, in its category', () => {
    const sum = (f: (c: RunReport['byCategory'][number]) => number) =>
      r.byCategory.reduce((a, c) => a + f(c), 0);
    expect(sum((c) => c.placed)).toBe(r.orders.placed);
    expect(sum((c) => c.delivered)).toBe(r.orders.delivered);
    expect(sum((c) => c.cancelled)).toBe(r.orders.cancelled);
    expect(sum((c) => c.workshops)).toBe(r.workshops.count);
  });

  it('gives every category about the same load, as workshops are dealt out by work', () => {
    const loads = r.byCategory.map((c) => c.load);
    expect(Math.min(...loads)).toBeGreaterThan(0);
    // A world of 30 workshops deals whole workshops: within a third of each other.
    expect(Math.max(...loads) / Math.min(...loads)).toBeLessThan(1.35);
  });
});

describe('the platform’s ranking of shops', () => {
  const open = runDes(smallScenario());
  const ranked = runDes(smallScenario({ platform: { visibleShops: 3 } }));

  it('sends the trade to the shops it shows', () => {
    // 30 shops: the busiest tenth is 3 shops, the three the platform shows.
    expect(ranked.shops.topDecileOrderShare).toBe(1);
    // Without it, stars and prices already favour some shops, but far less.
    expect(open.shops.topDecileOrderShare).toBeLessThan(0.7);
  });
});
