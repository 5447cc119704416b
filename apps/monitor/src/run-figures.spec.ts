import { EventRoutes, type TopicName } from '@weft/contracts';
import { HOUR_MS, type AnyEvent } from '@weft/domain';
import { runDes } from '@weft/engine-des';
import type { ObservedBatch } from '@weft/kafka';
import { HopLatency, KpiCollector } from '@weft/telemetry';
import { smallScenario } from '../../../tests/support/scenarios';
import { RunFigures } from './run-figures';

const scenario = smallScenario({ durationHours: 12, horizonHours: 96 });

/** A DES run's events as the monitor would read them: in batches per topic, produced a ms apart. */
function batches(events: AnyEvent[]): ObservedBatch<AnyEvent>[] {
  const out: ObservedBatch<AnyEvent>[] = [];
  events.forEach((event, i) => {
    const topic: TopicName = EventRoutes[event.type].topic;
    let batch = out.at(-1);
    if (batch?.topic !== topic || batch.events.length >= 50) {
      batch = {
        topic,
        messages: 0,
        events: [],
        duplicates: 0,
        deadLetters: [],
        scaling: [],
        unreadable: 0,
        foreign: 0,
      };
      out.push(batch);
    }
    batch.messages++;
    batch.events.push({ event, producedWallMs: 1_000_000 + i });
  });
  return out;
}

describe('RunFigures', () => {
  const events: AnyEvent[] = [];
  const report = runDes(scenario, { observe: (e) => events.push(e) });
  const figures = new RunFigures(new HopLatency(), new KpiCollector(scenario), 100_000);
  for (const batch of batches(events)) figures.take(batch, 2_000_000);
  const horizonMs = scenario.horizonHours * HOUR_MS;
  const s = figures.snapshot(
    {
      run: 'r1',
      clock: {
        doneUntilMs: horizonMs,
        fireUntilMs: horizonMs,
        horizonMs,
        finished: true,
        paceAsked: null,
        paceAchieved: null,
      },
      lag: { wallMs: 0, error: null, groups: [] },
    },
    1_000_000 + events.length + 1_000,
  );

  it("ends where the run's report ends: lead times, deliveries within 24/48/72 h, utilisation, prices, the take", () => {
    expect(s.events.distinct).toBe(report.events.total);
    expect(s.leadTime?.counts).toEqual(report.series.leadTimeHistogram.counts);
    expect(s.leadTime?.within).toEqual(report.deliveredWithin);
    expect(s.utilization?.byHour).toEqual(report.workshops.utilizationByHour);
    expect(s.prices?.meanWinningBid).toBeCloseTo(report.prices.meanWinningBid, 1);
    expect(s.prices?.meanListing).toBeCloseTo(report.prices.meanListing, 1);
    expect(s.take?.commissionCents).toBe(report.prices.platformTake);
    expect(s.take?.gmvCents).toBe(report.prices.gmvCents);
  });

  it('counts every order once by its last stage: settled or refunded, or still open', () => {
    const by = Object.fromEntries(s.orders.byStage.map((x) => [x.stage, x.count]));
    expect(s.orders.byStage.reduce((a, x) => a + x.count, 0)).toBe(report.orders.placed);
    expect(by.settled).toBe(report.orders.delivered);
    expect(by.refunded).toBe(report.orders.cancelled);
    expect(s.orders.forgotten).toBe(0);
  });

  it('counts each topic, and the wall seconds its events were produced in', () => {
    const total = Object.values(s.events.byTopic).reduce((a, b) => a + b, 0);
    expect(total).toBe(events.length);
    const inWindow = Object.values(s.events.perSecond.byTopic)
      .flat()
      .reduce((a, b) => a + b, 0);
    // Produced 1 ms apart from 1_000_000: the window holds the last whole seconds of them.
    expect(inWindow).toBeGreaterThan(0);
    expect(inWindow).toBeLessThanOrEqual(events.length);
  });

  it('counts utilisation over the days work has reached, never above every workshop busy', () => {
    const early = new RunFigures(new HopLatency(), new KpiCollector(scenario), 1_000);
    const firstDay = events.filter((e) => e.atMs < 20 * HOUR_MS);
    for (const batch of batches(firstDay)) early.take(batch);
    const u = early.snapshot({ run: null, clock: null, lag: s.lag }).utilization;
    expect(u?.days).toBeGreaterThanOrEqual(1);
    expect(u?.days).toBeLessThan(report.workshops.utilizationByHour.length);
    expect(Math.max(...(u?.byHour ?? [2]))).toBeLessThanOrEqual(1);
    expect(Math.max(...(u?.byHour ?? [0]))).toBeGreaterThan(0);
  });
});
