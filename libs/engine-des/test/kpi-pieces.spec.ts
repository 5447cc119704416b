import type { AnyEvent } from '@weft/domain';
import { DesEngine } from '@weft/engine-des';
import { KpiCollector, buildReport, type RunFinals } from '@weft/telemetry';
import { smallScenario } from '../../../tests/support/scenarios';

/** Numbers equal to 1e-9 of their size (sums of fractions added in another order). */
function expectClose(a: unknown, b: unknown, path = 'report'): void {
  if (typeof a === 'number' && typeof b === 'number') {
    if (Math.abs(a - b) > 1e-9 * Math.max(1, Math.abs(a))) throw new Error(`${path}: ${a} ≠ ${b}`);
    return;
  }
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys)
      expectClose(
        (a as Record<string, unknown>)[k],
        (b as Record<string, unknown>)[k],
        `${path}.${k}`,
      );
    return;
  }
  expect([path, a]).toEqual([path, b]);
}

describe('the KPI fold in pieces', () => {
  it('adds up, piece by piece through its counters, to the fold of the whole run', () => {
    const scenario = smallScenario();
    const engine = new DesEngine(scenario);
    // One collector reused for piece after piece, as a service folds batch after batch;
    // each piece's counters added to the run's, as Redis adds them up.
    const piece = new KpiCollector(scenario);
    const total = new KpiCollector(scenario);
    let inPiece = 0;
    let pieces = 0;
    const flush = () => {
      total.addCounters([...piece.counters()]);
      piece.reset();
      inPiece = 0;
      pieces++;
    };
    engine.run({
      observe: (e: AnyEvent) => {
        piece.observe(e);
        // Pieces of 1 to 37 events, like batches of different sizes.
        if (++inPiece >= 1 + (pieces % 37)) flush();
      },
    });
    flush();
    expect(pieces).toBeGreaterThan(100);
    expect(total.events).toBe(engine.kpi.events);
    const finals: RunFinals = {
      engine: 'des',
      ledger: engine.payments.ledger.snapshot(),
      ledgerSum: 0,
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
    expectClose(buildReport(total, finals), buildReport(engine.kpi, finals));
  });

  it('refuses a counter it does not know, rather than dropping it', () => {
    const k = new KpiCollector(smallScenario());
    expect(() => k.addCounters([['n.nonsense', 1]])).toThrow(/unknown counter n.nonsense/);
  });
});
