import { HOUR_MS, type AnyEvent } from '@weft/domain';
import { smallScenario } from '../../../../tests/support/scenarios';
import { KpiCollector } from './kpi-collector';
import { hoursPerWorkerDay } from './labour';

// The default calendar: day shift 08–20, so days open at 08:00; one day of orders gives a
// window of two days, [08:00 day 0, 08:00 day 2) = hours [8, 56).
const scenario = { ...smallScenario(), durationHours: 24, horizonHours: 120 };
const at = (hour: number) => hour * HOUR_MS;
const span = (from: number, to: number, overtime = false) => ({
  fromMs: at(from),
  toMs: at(to),
  overtime,
});

/** Three workshops: a day-shift crew of 3, a night-shift one of 2 a crew, an idle one of 4. */
const workshops = [
  { id: 0, crew: 3, nightShift: false },
  { id: 1, crew: 2, nightShift: true },
  { id: 2, crew: 4, nightShift: false },
];

function scheduled(n: number, workshopId: number, spans: ReturnType<typeof span>[]): AnyEvent {
  const workers = workshops[workshopId]?.crew ?? 0;
  return {
    id: `o${n}:scheduled`,
    type: 'ProductionScheduled',
    atMs: spans[0]?.fromMs ?? 0,
    orderId: `o${n}`,
    data: { workshopId, shopId: 0, startMs: 0, finishMs: 0, workers, spans },
  };
}

function awarded(n: number, quantity: number, unitPriceCents: number): AnyEvent {
  return {
    id: `o${n}:awarded`,
    type: 'BidAwarded',
    atMs: 0,
    orderId: `o${n}`,
    data: {
      shopId: 0,
      workshopId: 0,
      category: 0, // t-shirt: 600 c of material a unit
      quantity,
      unitPriceCents,
      unitCostCents: 690,
      listingUnitCents: 1200,
      readyAtMs: 0,
      bids: 1,
    },
  };
}

const events: AnyEvent[] = [
  awarded(1, 4, 900),
  // Day 0: 12 h regular and 6 h of overtime into the night (18 h, 6 at night).
  scheduled(1, 0, [span(8, 20), span(20, 26, true)]),
  awarded(2, 2, 1000),
  // Before the window (the first night): left out. Day 1: 4 h, then overtime 50–60 of
  // which 50–56 is in the window (10 h, 6 at night).
  scheduled(2, 0, [span(2, 5, true), span(32, 36), span(50, 60, true)]),
  // A night-shift workshop's unbroken span: its day crew 18–20 and 32–34, its night crew
  // 20–32 (12 h, all at night), on day 0 and 1.
  scheduled(3, 1, [span(18, 34)]),
];

describe('hours per worker-day', () => {
  function fold(es: readonly AnyEvent[]): KpiCollector {
    const k = new KpiCollector(scenario);
    for (const e of es) k.observe(e);
    return k;
  }

  it('counts every crew on every day of the window, idle ones at 0 h, weighted by workers', () => {
    const k = fold(events);
    expect(k.windowDays).toBe(2);
    // Worker-days, sorted by hours (weight): 0 (2: the night crew on day 1), 0 (4), 0 (4),
    // 2 (2), 2 (2), 10 (3), 12 (2), 18 (3): 22 worker-days, 116 worker-hours.
    expect(hoursPerWorkerDay(k.labour, workshops)).toEqual({
      workerDays: 22,
      workerHours: 116,
      mean: 5.2727, // 116 / 22
      p50: 2, // the 11th worker-day
      p90: 18, // the 19.8th
      over11hShare: 0.2273, // (3 + 2) / 22
      idleShare: 0.4545, // 10 / 22
      nightShare: 0.5172, // (6·3 + 6·3 + 12·2) / 116
      nightWorkerDayShare: 0.3636, // (3 + 3 + 2) / 22
      histogram: [10, 0, 4, 0, 0, 0, 0, 0, 0, 0, 3, 0, 2, 0, 0, 0, 0, 0, 3, 0, 0, 0, 0, 0],
    });
  });

  it('keeps one counter per crew and day worked, named by workshop, day and crew', () => {
    const names = [...fold(events).counters()].map(([name]) => name);
    expect(names.filter((n) => n.startsWith('wd.')).sort()).toEqual([
      'wd.0.0.day',
      'wd.0.1.day',
      'wd.1.0.day',
      'wd.1.0.night',
      'wd.1.1.day',
    ]);
    expect(names.filter((n) => n.startsWith('wn.')).sort()).toEqual([
      'wn.0.0.day',
      'wn.0.1.day',
      'wn.1.0.night',
    ]);
  });

  it('adds up: the counters of two halves of the stream make the fold of the whole', () => {
    for (let cut = 0; cut <= events.length; cut++) {
      const whole = fold(events);
      const sum = new KpiCollector(scenario);
      sum.addCounters([...fold(events.slice(0, cut)).counters()]);
      sum.addCounters([...fold(events.slice(cut)).counters()]);
      expect(hoursPerWorkerDay(sum.labour, workshops)).toEqual(
        hoursPerWorkerDay(whole.labour, workshops),
      );
      expect([sum.labour.revenueCents, sum.labour.materialCents]).toEqual([5600, 3600]);
      expect([...sum.counters()].sort()).toEqual([...whole.counters()].sort());
    }
  });

  it('forgets it all on reset, as a collector reused for the next piece must', () => {
    const k = fold(events);
    k.reset();
    expect([...k.counters()]).toEqual([]);
    expect(hoursPerWorkerDay(k.labour, workshops).idleShare).toBe(1);
  });

  it('refuses a worker-day counter outside the window or of no crew', () => {
    const k = new KpiCollector(scenario);
    expect(() => k.addCounters([['wd.0.2.day', 1]])).toThrow(/unknown counter wd.0.2.day/);
    expect(() => k.addCounters([['wd.0.0.evening', 1]])).toThrow(/unknown counter/);
  });
});
