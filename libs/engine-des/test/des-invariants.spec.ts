import fc from 'fast-check';
import type { AnyEvent, Scenario } from '@weft/domain';
import { DesEngine, runDes } from '@weft/engine-des';
import { smallScenario } from '../../../tests/support/scenarios';

/** Follows every order through the event stream and checks it ends in one state. */
class OrderAudit {
  readonly placed = new Map<string, number>();
  readonly delivered = new Map<string, number>();
  readonly cancelled = new Map<string, number>();
  readonly released = new Map<string, number>();
  readonly refunded = new Map<string, number>();

  observe = (e: AnyEvent) => {
    const count = (m: Map<string, number>) => m.set(e.orderId, (m.get(e.orderId) ?? 0) + 1);
    if (e.type === 'OrderPlaced') {
      count(this.placed);
    } else if (e.type === 'OrderDelivered') count(this.delivered);
    else if (e.type === 'OrderCancelled') count(this.cancelled);
    else if (e.type === 'EscrowReleased') count(this.released);
    else if (e.type === 'EscrowRefunded') count(this.refunded);
  };
}

const worldArb = fc.record({
  seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
  ordersPerHour: fc.integer({ min: 5, max: 120 }),
  shops: fc.integer({ min: 1, max: 25 }),
  workshops: fc.integer({ min: 1, max: 25 }),
  invited: fc.integer({ min: 1, max: 8 }),
  durationHours: fc.integer({ min: 1, max: 24 }),
  drainHours: fc.integer({ min: 0, max: 96 }),
  wantedMin: fc.integer({ min: 6, max: 72 }),
  wantedSpan: fc.integer({ min: 0, max: 72 }),
  bidWindowHours: fc.constantFrom(0.25, 0.5, 1, 2),
  nightShiftShare: fc.double({ min: 0, max: 1, noNaN: true }),
});

type World = typeof worldArb extends fc.Arbitrary<infer T> ? T : never;

function buildScenario(w: World): Scenario {
  const base = smallScenario();
  return {
    ...base,
    seed: w.seed,
    durationHours: w.durationHours,
    horizonHours: w.durationHours + w.drainHours,
    demand: {
      ...base.demand,
      ordersPerHour: w.ordersPerHour,
      wantedLeadHours: { min: w.wantedMin, max: w.wantedMin + w.wantedSpan },
    },
    shops: {
      ...base.shops,
      count: w.shops,
      workshopsInvited: w.invited,
      bidWindowHours: w.bidWindowHours,
    },
    workshops: { ...base.workshops, count: w.workshops, nightShiftShare: w.nightShiftShare },
  };
}

describe('the in-process engine keeps the invariants in any world', () => {
  it('ends every placed order in exactly one state, balances the ledger, and pays nothing twice', () => {
    fc.assert(
      fc.property(worldArb, (w) => {
        const engine = new DesEngine(buildScenario(w));
        const audit = new OrderAudit();
        engine.run({ observe: audit.observe });

        let openCents = 0;
        for (const [orderId, n] of audit.placed) {
          expect(n).toBe(1);
          const delivered = audit.delivered.get(orderId) ?? 0;
          const cancelled = audit.cancelled.get(orderId) ?? 0;
          const released = audit.released.get(orderId) ?? 0;
          const refunded = audit.refunded.get(orderId) ?? 0;
          // delivered-and-settled, cancelled-and-refunded, or still open at the horizon
          const state = `${delivered}${released}${cancelled}${refunded}`;
          expect(['1100', '0011', '0000']).toContain(state);
          if (state === '0000') openCents += engine.payments.escrow.get(orderId)?.cents ?? NaN;
        }
        const ledger = engine.payments.ledger;
        expect(ledger.sum()).toBe(0);
        expect(engine.payments.rejectedPayouts).toBe(0);
        // Money in escrow is exactly the open orders' payments.
        expect(ledger.balance('escrow')).toBe(openCents);
        expect(engine.payments.escrow.size).toBe(
          audit.placed.size - audit.delivered.size - audit.cancelled.size,
        );
      }),
      { numRuns: 40 },
    );
  });

  it('keeps no state for finished orders', () => {
    const engine = new DesEngine(smallScenario());
    engine.run();
    const k = engine.kpi;
    const open = k.placed - k.delivered - k.cancelled;
    expect(k.placed).toBeGreaterThan(1000);
    expect(engine.payments.escrow.size).toBe(open);
    expect(engine.shops.open.size).toBeLessThanOrEqual(open);
    expect(engine.queue.size).toBeLessThanOrEqual(open * 4 + 1);
  });
});

describe('determinism', () => {
  const withoutRun = (r: ReturnType<typeof runDes>) => JSON.stringify({ ...r, run: undefined });

  it('gives a byte-identical report for the same scenario and seed', () => {
    const a = runDes(smallScenario({ seed: 7 }));
    const b = runDes(smallScenario({ seed: 7 }));
    expect(withoutRun(a)).toBe(withoutRun(b));
    expect(a.orders.placed).toBeGreaterThan(1000);
  });

  it('gives another report for another seed', () => {
    const a = runDes(smallScenario({ seed: 7 }));
    const b = runDes(smallScenario({ seed: 8 }));
    expect(withoutRun(a)).not.toBe(withoutRun(b));
    expect(a.events.total).not.toBe(b.events.total);
  });
});
