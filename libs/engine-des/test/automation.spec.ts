/**
 * Automation run whole in the in-process engine: automated workshops win work with their
 * lower costs, and the accounts charge their capital and add up, group by group.
 */
import { createWorkshops, type AnyEvent, type Scenario } from '@weft/domain';
import { KpiCollector, type RunReport } from '@weft/telemetry';
import { smallScenario } from '../../../tests/support/scenarios';
import { DesEngine, runDes } from '../src';

const automation = { share: 0.5, minutesFactor: 0.5, capitalCentsPerLineDay: 3000 };
const automated = (overrides: Partial<Scenario> = {}): Scenario => {
  const s = smallScenario(overrides);
  return { ...s, workshops: { ...s.workshops, automation } };
};
const automatedLines = (s: Scenario) =>
  createWorkshops(s)
    .filter((w) => w.minutesFactor !== 1)
    .reduce((n, w) => n + w.lines, 0);

const FIELDS = [
  'workshops',
  'lines',
  'ordersWon',
  'revenue',
  'material',
  'wageBill',
  'ownersMargin',
  'capitalCost',
  'ownersMarginAfterCapital',
] as const;

/** Each account of the two groups adds up to the run's; orders won to `awards`, if given. */
function expectGroupsToAddUp(r: RunReport, awards?: number): void {
  const { manual, automated: auto } = r.workshops.byTechnology;
  const w = r.workshops;
  const totals = {
    workshops: w.count,
    lines: r.byCategory.reduce((n, c) => n + c.lines, 0),
    ordersWon: awards ?? manual.ordersWon + auto.ordersWon,
    revenue: w.revenue,
    material: w.material,
    wageBill: w.wageBill,
    ownersMargin: w.ownersMargin,
    capitalCost: w.capitalCost,
    ownersMarginAfterCapital: w.ownersMarginAfterCapital,
  };
  for (const f of FIELDS) expect([f, manual[f] + auto[f]]).toEqual([f, totals[f]]);
}

describe('automation in a day of the small world', () => {
  const scenario = automated();
  const byHand = runDes(smallScenario());
  const r = runDes(scenario);
  const { manual, automated: auto } = r.workshops.byTechnology;

  it('charges the automated lines’ capital for the day whose orders are counted', () => {
    expect(auto.lines).toBe(automatedLines(scenario));
    expect(auto.lines).toBeGreaterThan(0);
    expect(r.workshops.capitalCost).toBe(3000 * auto.lines);
    expect(manual.capitalCost).toBe(0);
  });

  it('leaves the owners their margin less the capital, to the cent', () => {
    expect(r.workshops.ownersMarginAfterCapital).toBe(
      r.workshops.ownersMargin - r.workshops.capitalCost,
    );
    expect(auto.ownersMarginAfterCapital).toBe(auto.ownersMargin - auto.capitalCost);
  });

  it('splits every account between the two groups, which add up to the totals', () => {
    expectGroupsToAddUp(r, r.events.byType.BidAwarded);
    expect(manual.revenue).toBe(manual.material + manual.wageBill + manual.ownersMargin);
  });

  it('sends more work a line to the automated workshops, whose bids are lower', () => {
    expect(auto.ordersWon / auto.lines).toBeGreaterThan((1.3 * manual.ordersWon) / manual.lines);
    expect(r.prices.meanWinningBid).toBeLessThan(byHand.prices.meanWinningBid);
  });

  it('pays less in wages for the same demand', () => {
    expect(r.workshops.wageBill).toBeLessThan(0.8 * byHand.workshops.wageBill);
  });

  it('reports the net margin per line-day of each group', () => {
    expect(auto.netMarginPerLineDay).toBeCloseTo(auto.ownersMarginAfterCapital / auto.lines, 3);
    expect(manual.netMarginPerLineDay).toBeCloseTo(manual.ownersMargin / manual.lines, 3);
  });

  it('reports an automated group of zeros, and the manual group as the whole, without it', () => {
    const none = byHand.workshops.byTechnology.automated;
    for (const f of FIELDS) expect([f, none[f]]).toEqual([f, 0]);
    expect(none.utilization).toBe(0);
    expect(byHand.workshops.capitalCost).toBe(0);
    expect(byHand.workshops.ownersMarginAfterCapital).toBe(byHand.workshops.ownersMargin);
    expectGroupsToAddUp(byHand, byHand.events.byType.BidAwarded);
  });
});

describe('automation after a warm-up day', () => {
  it('charges capital only for the days after the warm-up, as the accounts count', () => {
    const scenario = automated({ durationHours: 48, horizonHours: 168, warmupDays: 1 });
    const r = runDes(scenario);
    expect(r.workshops.capitalCost).toBe(3000 * automatedLines(scenario));
    expectGroupsToAddUp(r);
    // The warm-up's awards are events of the run, not of the accounts.
    const won =
      r.workshops.byTechnology.manual.ordersWon + r.workshops.byTechnology.automated.ordersWon;
    expect(won).toBeLessThan(0.6 * (r.events.byType.BidAwarded ?? 0));
  });
});

describe('the accounts by technology in pieces', () => {
  it('add up through their counters to the fold of the whole run', () => {
    const scenario = automated();
    const engine = new DesEngine(scenario);
    const events: AnyEvent[] = [];
    engine.run({ observe: (e: AnyEvent) => void events.push(e) });
    const half = Math.floor(events.length / 2);
    const total = new KpiCollector(scenario);
    for (const piece of [events.slice(0, half), events.slice(half)]) {
      const k = new KpiCollector(scenario);
      for (const e of piece) k.observe(e);
      total.addCounters([...k.counters()]);
    }
    expect(total.technology.report(1000, 2)).toEqual(engine.kpi.technology.report(1000, 2));
    expect(engine.kpi.technology.ordersWon[1]).toBeGreaterThan(0);
  });
});
