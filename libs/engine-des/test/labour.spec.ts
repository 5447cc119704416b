/** Hours and wages on whole runs: the cap holds, and the wage bill and margins add up. */
import { DAY_MS, HOUR_MS, scaleScenario, type AnyEvent, type Scenario } from '@weft/domain';
import { DesEngine } from '@weft/engine-des';
import { buildReport, type RunFinals, type RunReport } from '@weft/telemetry';
import { scenarioFile } from '../../../tests/support/scenarios';

/** The default world at a twentieth of its size: 150 orders an hour, 15 workshops. */
const small = (cap?: number): Scenario => {
  const s = scaleScenario(scenarioFile('default'), 0.05);
  return cap === undefined ? s : { ...s, workshops: { ...s.workshops, maxHoursPerWorkerDay: cap } };
};

interface Run {
  report: RunReport;
  /** Hours of every crew-day of the whole run (days open at 08:00), not just the window. */
  crewDayHours: number[];
  revenue: number;
  material: number;
  workerMs: number;
}

function run(scenario: Scenario): Run {
  const engine = new DesEngine(scenario);
  const crewDayMs = new Map<string, number>();
  let revenue = 0;
  let material = 0;
  let workerMs = 0;
  const opensMs = scenario.workshops.dayShift.start * HOUR_MS;
  const closesMs = scenario.workshops.dayShift.end * HOUR_MS;
  engine.run({
    observe: (e: AnyEvent) => {
      if (e.type === 'BidAwarded') {
        revenue += e.data.unitPriceCents * e.data.quantity;
        material += (scenario.categories[e.data.category]?.materialCents ?? 0) * e.data.quantity;
      }
      if (e.type !== 'ProductionScheduled') return;
      const nightShift = engine.bidding.workshops[e.data.workshopId]?.nightShift ?? false;
      for (const s of e.data.spans) {
        workerMs += (s.toMs - s.fromMs) * e.data.workers;
        // Piece by piece, split where a day opens and where the day shift closes.
        for (let t = s.fromMs; t < s.toMs;) {
          const day = Math.floor((t - opensMs) / DAY_MS);
          const since = t - opensMs - day * DAY_MS;
          const atNight = since >= closesMs - opensMs;
          const next = Math.min(s.toMs, t - since + (atNight ? DAY_MS : closesMs - opensMs));
          const key = `${e.data.workshopId}:${day}:${nightShift && atNight ? 'night' : 'day'}`;
          crewDayMs.set(key, (crewDayMs.get(key) ?? 0) + next - t);
          t = next;
        }
      }
    },
  });
  const finals: RunFinals = {
    engine: 'des',
    ledger: engine.payments.ledger.snapshot(),
    ledgerSum: engine.payments.ledger.sum(),
    rejectedPayouts: 0,
    walkedAway: engine.consumers.walkedAway,
    workshopWorkers: engine.workshopWorkers(),
    run: {
      wallSeconds: 1,
      peakRssMb: 1,
      eventsPerWallSecond: 1,
      ordersPerWallSecond: 1,
      startedAt: '',
    },
  };
  return {
    report: buildReport(engine.kpi, finals),
    crewDayHours: [...crewDayMs.values()].map((ms) => ms / HOUR_MS),
    revenue,
    material,
    workerMs,
  };
}

describe('hours per worker-day on a run', () => {
  const uncapped = run(small());

  it('without a cap, a busy day crew works past 11 h and past its 12-hour shift', () => {
    const h = uncapped.report.workshops.hoursPerWorkerDay;
    expect(h.over11hShare).toBeGreaterThan(0);
    expect(Math.max(...uncapped.crewDayHours)).toBeGreaterThan(12);
    expect(h.histogram.slice(13).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
  });

  it.each([12, 14])('with a cap of %i h, no crew works longer on any day of the run', (cap) => {
    const capped = run(small(cap));
    expect(Math.max(...capped.crewDayHours)).toBeLessThanOrEqual(cap);
    expect(capped.report.workshops.hoursPerWorkerDay.histogram.slice(cap + 1)).toEqual(
      new Array(23 - cap).fill(0),
    );
  });

  it('counts idle worker-days: the worker-days are every crew of every workshop, every day', () => {
    const h = uncapped.report.workshops.hoursPerWorkerDay;
    const days = uncapped.report.workshops.hoursPerWorkerDay.workerDays;
    expect(h.histogram.reduce((a, b) => a + b, 0)).toBe(days);
    expect(h.idleShare).toBeGreaterThan(0);
  });
});

describe('the workshops’ accounts on a run', () => {
  it.each([undefined, 12])(
    'wage bill + owners’ margin + material = revenue, to the cent (cap %s)',
    (cap) => {
      const r = run(small(cap));
      const w = r.report.workshops;
      expect(w.revenue).toBe(r.revenue);
      expect(w.material).toBe(r.material);
      expect(w.wageBill).toBe(Math.round((r.workerMs * w.wageCentsPerHour) / HOUR_MS));
      expect(w.wageBill + w.ownersMargin + w.material).toBe(w.revenue);
      // The value an hour adds pays the wage and the margin: more than the wage.
      expect(w.valueAddedPerWorkerHour).toBeGreaterThan(w.wageCentsPerHour);
      expect(w.workerIncomePerWorkerDay).toBeCloseTo(
        w.hoursPerWorkerDay.mean * w.wageCentsPerHour,
        0,
      );
    },
  );
});
