import type { AnyEvent } from '@weft/domain';
import { scenarioFile } from '../../../tests/support/scenarios';
import { cancelled, delivered, placed, smallRun } from '../test/ledger-events';
import { DistinctIds } from './distinct-ids';
import { LedgerReplay, type ReplayedLedger } from './ledger-replay';
import { auditRun, type AuditInput } from './run-audit';

const scenario = scenarioFile('default');

function replay(events: readonly AnyEvent[]): ReplayedLedger {
  const r = new LedgerReplay(scenario);
  for (const e of events) r.take(e);
  return r.finish();
}

/** The small run's audit input, honest unless a part is replaced. */
const honest = (over: Partial<AuditInput> = {}): AuditInput => ({
  drained: true,
  configKept: true,
  counters: { ...smallRun.counters },
  balances: { ...smallRun.balances },
  states: { ...smallRun.states },
  replayed: replay(smallRun.events),
  ...over,
});

const failed = (input: AuditInput) =>
  auditRun(input)
    .checks.filter((c) => !c.ok)
    .map((c) => c.name);

describe('LedgerReplay', () => {
  it("replays the payments role's ledger from distinct events, whatever order the topics are read in", () => {
    const r = replay(smallRun.events);

    expect(r.balances).toEqual(smallRun.balances);
    expect([r.placed, r.delivered, r.cancelled]).toEqual([3, 1, 1]);
    expect([r.openOrders, r.escrowHeldCents]).toEqual([1, 2_500]);
    expect(r.duplicates).toBe(2);
    expect(r.rejectedPayouts).toBe(0);
  });

  it('rejects a second payout of an order rather than paying it twice', () => {
    const r = replay([placed(1, 10_000), delivered(1, 10_000, 6_000), cancelled(1)]);

    expect(r.rejectedPayouts).toBe(1);
    expect(r.balances.consumers).toBe(-10_000);
    expect(r.balances.escrow).toBe(0);
  });

  it('rejects a payout whose order was never placed on the broker', () => {
    const r = replay([delivered(7, 1_000, 500)]);

    expect(r.rejectedPayouts).toBe(1);
    expect(Object.values(r.balances)).toEqual([0, 0, 0, 0, 0, 0]);
  });
});

describe('auditRun', () => {
  it('passes a drained run whose state agrees with the broker and the orders', () => {
    const audit = auditRun(honest());

    expect(audit.ok).toBe(true);
    expect(audit.checks.map((c) => c.name)).toEqual([
      'drained',
      'run.config',
      'orders.placed',
      'orders.delivered',
      'orders.cancelled',
      'ledger.consumers',
      'ledger.escrow',
      'ledger.shops',
      'ledger.workshops',
      'ledger.platform',
      'ledger.wholesalers',
      'ledger.payoutsWithoutEscrow',
      'orders.open',
      'orders.shopsWithoutEscrow',
      'ledger.escrowHeld',
    ]);
  });

  it('catches a payment applied twice, though the ledger still sums to zero', () => {
    // o3's placement moved the ledger a second time; its escrow record was overwritten.
    const balances = { ...smallRun.balances, consumers: -15_000, escrow: 5_000 };

    expect(failed(honest({ balances }))).toEqual([
      'ledger.consumers',
      'ledger.escrow',
      'ledger.escrowHeld',
    ]);
  });

  it('catches a ledger wiped to zeros, though zeros sum to zero', () => {
    const balances = {
      consumers: 0,
      escrow: 0,
      shops: 0,
      workshops: 0,
      platform: 0,
      wholesalers: 0,
    };

    expect(failed(honest({ balances }))).toEqual([
      'ledger.consumers',
      'ledger.escrow',
      'ledger.shops',
      'ledger.workshops',
      'ledger.platform',
      'ledger.escrowHeld',
    ]);
  });

  it("catches an open order missing from the orders' states", () => {
    const states = { escrowOrders: 0, escrowCents: 0, shopOrdersWithoutEscrow: 0 };
    const audit = auditRun(honest({ states }));

    expect(failed(honest({ states }))).toEqual(['orders.open', 'ledger.escrowHeld']);
    expect(audit.checks.find((c) => c.name === 'orders.open')).toMatchObject({
      expected: 1,
      found: 0,
    });
  });

  it('catches a shop holding an order that payments has no escrow for', () => {
    const states = { ...smallRun.states, shopOrdersWithoutEscrow: 1 };

    expect(failed(honest({ states }))).toEqual(['orders.shopsWithoutEscrow']);
  });

  it('catches counters and config lost to a Redis wipe mid-run', () => {
    // After the wipe the services counted only what came later: o3's placement.
    const counters = { placed: 1, delivered: 0, cancelled: 0 };

    expect(failed(honest({ counters, configKept: false }))).toEqual([
      'run.config',
      'orders.placed',
      'orders.delivered',
      'orders.cancelled',
    ]);
  });

  it('fails a run that did not drain', () => {
    expect(failed(honest({ drained: false }))).toEqual(['drained']);
  });

  it('fails a run whose ledger could not be replayed, and says why', () => {
    const audit = auditRun(honest({ replayed: { error: 'orders.placed starts at offset 9' } }));

    expect(audit.ok).toBe(false);
    expect(audit.checks.find((c) => !c.ok)).toMatchObject({
      name: 'ledger.replay',
      about: expect.stringContaining('orders.placed starts at offset 9') as string,
    });
  });
});

describe('DistinctIds', () => {
  it("tells a repeated id from a new one, for orders' ids and any other", () => {
    const ids = new DistinctIds();
    const taken = ['o5:placed', 'o5:delivered', 'o5:placed', 'start', 'start', 'o90000:placed'];

    expect(taken.map((id) => ids.add(id))).toEqual([true, true, false, true, false, true]);
  });
});
