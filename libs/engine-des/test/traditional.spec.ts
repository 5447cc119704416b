import type { AnyEvent } from '@weft/domain';
import { runDes } from '@weft/engine-des';
import type { RunReport } from '@weft/telemetry';
import { smallTraditional } from '../../../tests/support/scenarios';

const simulated = ({ run: _run, ...rest }: RunReport) => rest;

describe('the traditional chain in the in-process engine', () => {
  const scenario = smallTraditional();
  const events: AnyEvent[] = [];
  const r = runDes(scenario, { observe: (e) => events.push(e) });
  const of = <T extends AnyEvent['type']>(type: T) =>
    events.filter((e): e is Extract<AnyEvent, { type: T }> => e.type === type);

  it('sells from stock: no tender, batches for a forecast, and a sale lost when a warehouse runs dry', () => {
    expect(of('RfqOpened')).toEqual([]);
    expect(of('BidAwarded')).toEqual([]);
    expect(r.wholesale.batches).toBeGreaterThan(10);
    expect(of('StockRequested').length).toBe(of('OrderAccepted').length);
    const refused = of('StockDispatched')
      .filter((e) => !e.data.filled)
      .map((e) => e.orderId);
    const cancelled = of('OrderCancelled');
    expect(refused.length).toBeGreaterThan(0);
    expect(cancelled.map((e) => e.orderId).sort()).toEqual(refused.sort());
    expect(cancelled.every((e) => e.data.reason === 'out-of-stock')).toBe(true);
    expect(r.wholesale.fillRate).toBeGreaterThan(0);
    expect(r.wholesale.fillRate).toBeLessThan(1);
  });

  it('makes batches on regular day shifts only and brings them in after the freight', () => {
    const shift = scenario.workshops.dayShift;
    for (const e of of('ProductionScheduled'))
      for (const span of e.data.spans) {
        expect(span.overtime).toBe(false);
        const from = (span.fromMs % 86_400_000) / 3_600_000;
        const to = from + (span.toMs - span.fromMs) / 3_600_000;
        expect(from).toBeGreaterThanOrEqual(shift.start);
        expect(to).toBeLessThanOrEqual(shift.end);
      }
    expect(r.workshops.hoursPerWorkerDay.nightShare).toBe(0);
    expect(r.workshops.hoursPerWorkerDay.p90).toBeLessThanOrEqual(shift.end - shift.start);
    const freightDays = scenario.wholesale?.freightDays ?? 0;
    for (const e of of('BatchDelivered'))
      expect(e.atMs - e.data.orderedAtMs).toBeGreaterThanOrEqual(freightDays * 86_400_000);
  });

  it('pays the wholesalers for what shops sold and the workshops for the batches received, to the cent', () => {
    const fromShops = of('EscrowReleased').reduce((a, e) => a + e.data.workshopCents, 0);
    const toWorkshops = of('BatchDelivered').reduce(
      (a, e) => a + e.data.unitPriceCents * e.data.quantity,
      0,
    );
    expect(r.ledger.sum).toBe(0);
    expect(r.ledger.balances.wholesalers).toBe(fromShops - toWorkshops);
    expect(r.ledger.balances.workshops).toBe(toWorkshops);
    const split = r.prices.split;
    expect(split.wholesaler).toBeGreaterThan(0.1);
    expect(split.platform).toBe(0);
    const sum =
      split.material + split.labour + split.workshopMargin + split.shop + split.wholesaler;
    expect(sum).toBeCloseTo(1, 3);
  });

  it('gives the same report for the same seed, and another for another seed', () => {
    expect(simulated(runDes(scenario))).toEqual(simulated(r));
    expect(simulated(runDes({ ...scenario, seed: 7 }))).not.toEqual(simulated(r));
  });
});
