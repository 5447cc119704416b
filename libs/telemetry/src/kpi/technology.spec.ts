import { HOUR_MS, type AnyEvent, type Workshop } from '@weft/domain';
import { smallScenario } from '../../../../tests/support/scenarios';
import { KpiCollector } from './kpi-collector';
import { TechnologyFold, accountDays } from './technology';

// A day and a half of orders: capital for 1.5 days; the hours window is two days.
const base = smallScenario();
const scenario = {
  ...base,
  durationHours: 36,
  workshops: {
    ...base.workshops,
    automation: { share: 0.5, minutesFactor: 0.5, capitalCentsPerLineDay: 3000 },
  },
};
const at = (hour: number) => hour * HOUR_MS;

const aWorkshop = (id: number, lines: number, minutesFactor: number): Workshop => ({
  id,
  category: 0,
  lines,
  crew: lines + 1,
  nightShift: false,
  markup: 0.03,
  busyUntilMs: 0,
  rating: 4,
  ratingsReceived: 0,
  minutesFactor,
  revisions: [],
  revisedToMs: 0,
});
/** Workshop 0 by hand with 2 lines, workshop 1 automated with 3. */
const workshops = [aWorkshop(0, 2, 1), aWorkshop(1, 3, 0.5)];

type Data<T extends AnyEvent['type']> = Extract<AnyEvent, { type: T }>['data'];

const awarded = (workshopId: number, quantity: number, unitPriceCents: number) =>
  ({
    shopId: 0,
    workshopId,
    category: 0, // t-shirt: 600 c of material a unit
    quantity,
    unitPriceCents,
    unitCostCents: 690,
    listingUnitCents: 1200,
    readyAtMs: 0,
    bids: 1,
  }) satisfies Data<'BidAwarded'>;

const scheduled = (workshopId: number, workers: number, spans: [number, number][]) =>
  ({
    workshopId,
    shopId: 0,
    startMs: 0,
    finishMs: 0,
    workers,
    spans: spans.map(([from, to]) => ({ fromMs: at(from), toMs: at(to), overtime: false })),
  }) satisfies Data<'ProductionScheduled'>;

function fold(): TechnologyFold {
  const f = new TechnologyFold(scenario, workshops, 0, at(48));
  f.onAward(awarded(0, 4, 900));
  f.onAward(awarded(1, 2, 800));
  f.onProduction(scheduled(0, 3, [[8, 20]])); // 36 worker-hours, 24 line-hours
  f.onProduction(
    scheduled(1, 5, [
      [10, 12],
      [47, 50], // 1 of its 3 hours inside the two-day window
    ]),
  );
  return f;
}

describe('the accounts by technology', () => {
  it('count the days after the warm-up, fractions included', () => {
    expect(accountDays(scenario)).toBe(1.5);
    expect(accountDays({ ...scenario, durationHours: 72, warmupDays: 1 })).toBe(2);
  });

  it('split revenue, wages and line time by the workshop that won the job', () => {
    // Wages: the run's bill is (36 + 25) worker-hours × 600 c = 36 600; the automated
    // group's 25 × 600 = 15 000, the rest the manual group's.
    const r = fold().report(36_600, 2);
    expect(r.manual).toEqual({
      workshops: 1,
      lines: 2,
      ordersWon: 1,
      revenue: 3600,
      material: 2400,
      wageBill: 21_600,
      ownersMargin: -20_400,
      capitalCost: 0,
      ownersMarginAfterCapital: -20_400,
      netMarginPerLineDay: -6800, // over 2 lines × 1.5 days
      utilization: 0.25, // 24 line-hours of 2 × 48
    });
    expect(r.automated).toEqual({
      workshops: 1,
      lines: 3,
      ordersWon: 1,
      revenue: 1600,
      material: 1200,
      wageBill: 15_000,
      ownersMargin: -14_600,
      capitalCost: 13_500, // 3000 × 3 lines × 1.5 days
      ownersMarginAfterCapital: -28_100,
      netMarginPerLineDay: -6244.4444, // over 3 lines × 1.5 days
      utilization: 0.0625, // 9 line-hours of 3 × 48
    });
  });

  it('charges no capital where the scenario automates nothing', () => {
    const manualWorld = { ...scenario, workshops: base.workshops };
    const f = new TechnologyFold(manualWorld, [aWorkshop(0, 2, 1)], 0, at(48));
    expect(f.report(0, 2).automated.capitalCost).toBe(0);
    expect(f.report(0, 2).manual.capitalCost).toBe(0);
  });

  it('adds up through its counters, and refuses a technology it does not know', () => {
    const whole = fold();
    const sum = new TechnologyFold(scenario, workshops, 0, at(48));
    for (const [name, value] of whole.counters()) {
      const [kind = '', ...rest] = name.split('.');
      expect(sum.add(kind, rest.join('.'), value)).toBe(true);
    }
    expect(sum.report(36_600, 2)).toEqual(whole.report(36_600, 2));
    expect(() => new KpiCollector(scenario).addCounters([['tech.won.robotic', 1]])).toThrow(
      /unknown counter tech.won.robotic/,
    );
  });
});
