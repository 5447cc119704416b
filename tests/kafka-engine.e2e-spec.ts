/**
 * The distributed engine end to end: Kafka, Redis and every service as its own process
 * (two instances each of shops and bidding in one consumer group), the clock as fast as
 * the pipeline carries. Kills, outages and hostile input are the chaos suite's
 * (tests/chaos).
 */
import { reactionsTo, type AnyEvent, type EventType, type Scenario } from '@weft/domain';
import { runDes } from '@weft/engine-des';
import type { RunReport } from '@weft/telemetry';
import { RunKeys } from '@weft/contracts';
import { DEFAULT_LOOKAHEAD_SECONDS, runKafka, type KafkaRunOptions } from '@weft/engine-kafka';
import { localStack } from '../cli/src/run/local-stack';
import { ClockAudit } from './support/clock-audit';
import { compareEngines, formatChecks } from './support/engine-agreement';
import { OrderAudit } from './support/order-audit';
import { scenarioFile, smallTraditional } from './support/scenarios';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A few thousand orders: a simulated day of arrivals at an even rate, lead times that end
 * well within the horizon.
 */
function e2eScenario(seed = 42, ordersPerHour = 85): Scenario {
  const s = scenarioFile('default');
  return {
    ...s,
    name: 'e2e',
    seed,
    durationHours: 24,
    horizonHours: 72,
    demand: {
      ...s.demand,
      ordersPerHour,
      hourlyCurve: s.demand.hourlyCurve.map(() => 1),
      wantedLeadHours: { min: 30, max: 48 },
    },
    shops: { ...s.shops, count: 60 },
    workshops: { ...s.workshops, count: 60 },
    shipping: { ...s.shipping, transitHours: { min: 4, max: 12 } },
  };
}

/** What the services kept in Redis at the end of a run. */
interface Stored {
  costs: Record<string, string>;
  workshops: Record<string, string>;
  violations: Record<string, string>;
}

/** How many updates of each owner's state the distinct events call for. */
class UpdateAudit {
  readonly awardsByShop = new Map<number, number>();
  readonly ratingsByWorkshop = new Map<number, number>();
  observe = (e: AnyEvent): void => {
    const bump = (m: Map<number, number>, k: number) => m.set(k, (m.get(k) ?? 0) + 1);
    if (e.type === 'BidAwarded') bump(this.awardsByShop, e.data.shopId);
    if (e.type === 'RatingGiven') bump(this.ratingsByWorkshop, e.data.workshopId);
  };
}

function kafkaRun(scenario: Scenario, extra: Partial<KafkaRunOptions> = {}) {
  const audit = new OrderAudit();
  const clock = new ClockAudit();
  const updates = new UpdateAudit();
  const stored: Stored = { costs: {}, workshops: {}, violations: {} };
  const report = runKafka(scenario, {
    pace: 'max',
    instances: { shops: 2, bidding: 2 },
    keep: false,
    partitions: 6,
    outDir: mkdtempSync(join(tmpdir(), 'weft-e2e-')),
    stack: localStack(),
    observe: (e, wallMs) => {
      audit.observe(e);
      clock.observe(e, wallMs);
      updates.observe(e);
    },
    clockTrace: clock.trace,
    inspect: async (redis) => {
      stored.costs = await redis.hgetall(RunKeys.shopCosts);
      stored.workshops = await redis.hgetall(RunKeys.workshops);
      stored.violations = await redis.hgetall(RunKeys.clockViolations);
    },
    ...extra,
  });
  return { audit, clock, updates, stored, report };
}

/**
 * The clock never passed an event before every role had applied it: not by the events'
 * produce times against its history, not by the services' own count at apply time.
 */
function expectClockHeld(clock: ClockAudit, stored: Stored, r: RunReport): void {
  clock.check();
  expect(clock.trace.length).toBeGreaterThan(100);
  // Every event some role reacts to was checked against the clock's history.
  const reactedTo = Object.entries(r.events.byType).reduce(
    (n, [type, count]) => n + (reactionsTo(type as EventType) > 0 ? count : 0),
    0,
  );
  expect(clock.checked).toBeGreaterThan(5_000);
  expect(clock.checked).toBeGreaterThanOrEqual(reactedTo);
  expect(clock.passed.slice(0, 5)).toEqual([]);
  expect(stored.violations).toEqual({});
}

/**
 * Every update of a shop's costs and of a workshop's rating is in the state its one owner
 * kept: none lost to another instance's stale write.
 */
function expectNoLostUpdate(updates: UpdateAudit, stored: Stored): void {
  const kept = (hash: Record<string, string>, field: string) =>
    new Map(
      Object.entries(hash)
        .map(([id, v]) => [Number(id), (JSON.parse(v) as Record<string, number>)[field] ?? 0])
        .filter(([, n]) => (n ?? 0) > 0) as [number, number][],
    );
  const sorted = (m: Map<number, number>) => [...m].sort((a, b) => a[0] - b[0]);
  expect(updates.awardsByShop.size).toBeGreaterThan(10);
  expect(sorted(kept(stored.costs, 'updates'))).toEqual(sorted(updates.awardsByShop));
  expect(updates.ratingsByWorkshop.size).toBeGreaterThan(10);
  expect(sorted(kept(stored.workshops, 'ratingsReceived'))).toEqual(
    sorted(updates.ratingsByWorkshop),
  );
}

function expectInvariants(r: RunReport, audit: OrderAudit): void {
  const states = [...audit.states().values()]; // throws if any order is in no single state
  expect(states.length).toBe(r.orders.placed);
  expect(r.orders.delivered).toBe(states.filter((s) => s === 'settled').length);
  expect(r.orders.cancelled).toBe(states.filter((s) => s === 'refunded').length);
  expect(r.ledger.sum).toBe(0);
  expect(r.ledger.rejectedPayouts).toBe(0);
  expect(r.ledger.escrowHeld).toBe(audit.openCents());
  // Applied once each: the ledger's accounts equal what the distinct events say.
  expect(r.ledger.balances.consumers).toBe(-audit.placedCents() + audit.refundedCents);
  expect(r.ledger.balances.platform).toBe(audit.commissionCents);
  expect(r.kafka?.drained).toBe(true);
}

describe('weft run --engine kafka', () => {
  jest.setTimeout(300_000);

  it('ends every order in one state, balances the ledger, applies nothing twice, loses no update, dead-letters nothing, and agrees with the in-process engine', async () => {
    const scenario = e2eScenario();
    const { audit, clock, updates, stored, report } = kafkaRun(scenario);
    const r = await report;
    expect(r.orders.placed).toBeGreaterThan(1500);
    expectInvariants(r, audit);
    expectClockHeld(clock, stored, r);
    expectNoLostUpdate(updates, stored);
    // No timer went out after the clock had passed it, and none further ahead of the
    // clock than the lookahead (and the clock's one-second window) allow.
    expect(r.kafka?.latency?.timerLatenessSim?.maxMs).toBe(0);
    expect(r.kafka?.latency?.timerReorderSim?.maxMs).toBeLessThanOrEqual(
      (DEFAULT_LOOKAHEAD_SECONDS + 1) * 1000 * 1.01, // the histogram's 2 significant digits
    );
    expect(r.kafka?.deadLetters).toBe(0);
    expect(r.kafka?.instances).toMatchObject({ shops: 2, bidding: 2 });

    // The listeners saw the run too: the monitor every distinct event, the capacity
    // service every role's consumer group.
    expect(r.kafka?.monitor).toEqual({ distinctEvents: r.events.total, deadLetters: 0 });
    expect(Object.keys(r.kafka?.scaling ?? {}).sort()).toEqual(
      ['bidding', 'consumers', 'payments', 'shops', 'wholesalers'].sort(),
    );
    expect(r.kafka?.latency?.hops['placed→escrow']?.count).toBe(r.orders.placed);

    const desAudit = new OrderAudit();
    const des = runDes(scenario, { observe: desAudit.observe });
    const checks = compareEngines({ report: des, audit: desAudit }, { report: r, audit });
    const table = formatChecks(checks);
    process.stdout.write(`DES vs Kafka, ${scenario.name} seed ${scenario.seed}:\n${table}\n`);
    expect(checks.filter((c) => !c.ok).map((c) => c.kpi)).toEqual([]);
  });

  it('automates the same workshops as the in-process engine and tells the same story of them', async () => {
    // Half a day of orders is enough to see who wins the work.
    const base = { ...e2eScenario(11, 40), durationHours: 12, horizonHours: 60 };
    const automation = { share: 0.5, minutesFactor: 0.5, capitalCentsPerLineDay: 3000 };
    const scenario = { ...base, workshops: { ...base.workshops, automation } };
    const { audit, report } = kafkaRun(scenario);
    const r = await report;
    expectInvariants(r, audit);
    const desAudit = new OrderAudit();
    const des = runDes(scenario, { observe: desAudit.observe });
    // The same workshops, lines and days of orders: the same capital, to the cent.
    for (const t of ['manual', 'automated'] as const) {
      const [k, d] = [r.workshops.byTechnology[t], des.workshops.byTechnology[t]];
      expect([t, k.workshops, k.lines, k.capitalCost]).toEqual([
        t,
        d.workshops,
        d.lines,
        d.capitalCost,
      ]);
    }
    const w = r.workshops;
    const { manual, automated } = w.byTechnology;
    expect(w.capitalCost).toBeGreaterThan(0);
    expect(w.ownersMarginAfterCapital).toBe(w.ownersMargin - w.capitalCost);
    expect(manual.wageBill + automated.wageBill).toBe(w.wageBill);
    expect(manual.revenue + automated.revenue).toBe(w.revenue);
    // Cheaper bids win in either engine: the automated half takes most of the work.
    const share = (x: typeof r) =>
      x.workshops.byTechnology.automated.ordersWon /
      Math.max(
        1,
        x.workshops.byTechnology.manual.ordersWon + x.workshops.byTechnology.automated.ordersWon,
      );
    expect(share(des)).toBeGreaterThan(0.6);
    expect(share(r)).toBeGreaterThan(0.6);
    const checks = compareEngines({ report: des, audit: desAudit }, { report: r, audit });
    process.stdout.write(`DES vs Kafka, automation, seed 11:\n${formatChecks(checks)}\n`);
    expect(checks.filter((c) => !c.ok).map((c) => c.kpi)).toEqual([]);
  });

  it('holds the clock behind a slow consumer: nothing is passed before it is applied, and the run still agrees with the in-process engine', async () => {
    // Every bidding apply waits 20 wall ms: the clock must wait for bidding, not run on.
    const scenario = e2eScenario(7, 20);
    const { audit, clock, updates, stored, report } = kafkaRun(scenario, {
      serviceEnv: { bidding: { WEFT_FAULT_APPLY_DELAY_MS: '20' } },
    });
    const r = await report;
    expectInvariants(r, audit);
    expectClockHeld(clock, stored, r);
    expectNoLostUpdate(updates, stored);
    const desAudit = new OrderAudit();
    const des = runDes(scenario, { observe: desAudit.observe });
    const checks = compareEngines({ report: des, audit: desAudit }, { report: r, audit });
    process.stdout.write(`DES vs Kafka, slow bidding, seed 7:\n${formatChecks(checks)}\n`);
    expect(checks.filter((c) => !c.ok).map((c) => c.kpi)).toEqual([]);
  });

  it('runs the traditional chain (wholesalers, batches, stock-outs) to the very report the in-process engine makes', async () => {
    // Little opening stock and daily reviews: requests are refused, batches made and received.
    const scenario = smallTraditional();
    const { clock, stored, report } = kafkaRun(scenario, {
      instances: { shops: 2, bidding: 2, wholesalers: 2 },
    });
    const r = await report;
    expectClockHeld(clock, stored, r);
    // The audit counts every order on the broker, the warm-up's too, against the KPIs' own.
    expect(r.audit?.checks.filter((c) => !c.ok)).toEqual([]);
    expect(r.kafka?.drained).toBe(true);
    expect(r.ledger.sum).toBe(0);
    expect(r.ledger.rejectedPayouts).toBe(0);
    expect(r.kafka?.deadLetters).toBe(0);
    expect(r.wholesale.batches).toBeGreaterThan(10);
    expect(r.wholesale.fillRate).toBeGreaterThan(0.1);
    expect(r.wholesale.fillRate).toBeLessThan(0.9);
    // Workshops were paid for batches only (no order was tendered), by the wholesalers.
    expect(r.events.byType.BidAwarded).toBeUndefined();
    expect(r.ledger.balances.workshops).toBeGreaterThan(0);
    // The stock a warehouse hands out depends on no transport order: the whole report agrees.
    const des = runDes(scenario);
    const simulated = (x: RunReport) => {
      const { run: _run, kafka: _kafka, audit: _audit, engine: _engine, ...rest } = x;
      return rest;
    };
    expect(simulated(r)).toEqual(simulated(des));
  });
});
