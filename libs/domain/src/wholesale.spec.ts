import { unitCostCents } from './bidding';
import type { AnyEvent } from './events';
import { SeededContext } from './roles/reactor';
import { WholesalersRole, type Warehouse } from './roles/wholesalers.role';
import type { Scenario, Wholesale } from './scenario';
import { DAY_MS, HOUR_MS, MINUTE_MS } from './time';
import {
  batchArrivalMs,
  batchUnitCostCents,
  contractUnitCents,
  contractWorkshops,
  isReviewTick,
  orderUpTo,
  plannedUnitsPerDay,
  splitBatch,
  tickMs,
  wholesaleUnitCents,
  wholesalerOf,
} from './wholesale';
import { aScenario } from '../test/a-scenario';

/** The i-th element, which the test knows is there. */
function at<T>(xs: readonly T[], i: number): T {
  const x = xs[i];
  if (x === undefined) throw new Error(`no element ${i}`);
  return x;
}

const wholesale: Wholesale = {
  count: 3,
  margin: 0.3,
  contractMarkup: 0.15,
  reviewDays: 7,
  coverDays: 42,
  freightDays: 21,
  forecastMemory: 0.5,
  openingStockDays: 35,
};

describe('the traditional chain’s prices', () => {
  const s = aScenario();
  s.workshops.setupMinutesPerOrder = 3;
  const tee = at(s.categories, 0);

  it('prices a batch unit at material and wages without the per-order set-up, then adds the contract’s and the wholesaler’s mark-ups', () => {
    const cost = batchUnitCostCents(tee, s.workshops);
    expect(cost).toBe(unitCostCents(tee, { ...s.workshops, setupMinutesPerOrder: 0 }, 1));
    expect(cost).toBeLessThan(unitCostCents(tee, s.workshops, 1));
    const contract = contractUnitCents(tee, s.workshops, wholesale);
    expect(contract).toBe(Math.round(cost * 1.15));
    expect(wholesaleUnitCents(tee, s.workshops, wholesale)).toBe(Math.round(contract * 1.3));
  });
});

describe('who trades with whom', () => {
  it('sends shop s to wholesaler s mod count', () => {
    expect([0, 1, 2, 3, 7].map((s) => wholesalerOf(s, wholesale))).toEqual([0, 1, 2, 0, 1]);
  });

  it('gives a wholesaler the workshops of each category whose id falls to it, or all of them when none does', () => {
    const byCategory = [
      [0, 3, 4, 6],
      [2, 5],
      [1, 7],
    ];
    expect(contractWorkshops(0, byCategory, wholesale)).toEqual([
      [0, 3, 6],
      [2, 5],
      [1, 7],
    ]);
    expect(contractWorkshops(1, byCategory, wholesale)).toEqual([[4], [2, 5], [1, 7]]);
  });
});

describe('the order-up-to rule', () => {
  it('orders the cover of the forecast less stock in hand and on order, never less than none', () => {
    expect(orderUpTo(100, 1_000, 500, wholesale)).toBe(4_200 - 1_500);
    expect(orderUpTo(100, 5_000, 0, wholesale)).toBe(0);
  });

  it('plans a wholesaler’s first forecast from the scenario’s mean demand, shared by category and wholesaler', () => {
    const s = aScenario();
    const perDay = s.categories.map((_, c) => plannedUnitsPerDay(s, c, wholesale));
    // 3,000 orders an hour all day (the test world's flat curve), 2.5 units an order.
    expect(perDay.reduce((a, b) => a + b, 0) * wholesale.count).toBeCloseTo(3_000 * 24 * 2.5, 6);
    expect(at(perDay, 0) / at(perDay, 1)).toBeCloseTo(0.45 / 0.2, 9);
  });

  it('splits a batch over the contract workshops by their lines, to the unit', () => {
    const parts = splitBatch(1_001, [
      { id: 4, lines: 2 },
      { id: 9, lines: 6 },
      { id: 11, lines: 0 },
    ]);
    expect(parts).toEqual([
      { workshopId: 4, quantity: 251 },
      { workshopId: 9, quantity: 750 },
    ]);
    expect(splitBatch(0, [{ id: 1, lines: 3 }])).toEqual([]);
  });
});

describe('the warehouse’s calendar', () => {
  it('ticks at half past each hour and takes batches in on the hour after freight', () => {
    expect(tickMs(0)).toBe(30 * MINUTE_MS);
    expect(tickMs(5)).toBe(5 * HOUR_MS + 30 * MINUTE_MS);
    const finished = 3 * DAY_MS + 10 * HOUR_MS + 1;
    expect(batchArrivalMs(finished, wholesale)).toBe(24 * DAY_MS + 11 * HOUR_MS);
  });

  it('reviews each wholesaler at its own hour, once every review period', () => {
    const reviews = (id: number) =>
      Array.from({ length: 24 * 15 }, (_, n) => n).filter((n) => isReviewTick(n, id, wholesale));
    expect(reviews(0)).toEqual([0, 168, 336]);
    expect(reviews(2)).toEqual([2, 170, 338]);
  });
});

/** A context that keeps what the role emits. */
class Recorder extends SeededContext {
  readonly emitted: AnyEvent[] = [];
  constructor() {
    super(1);
  }
  protected deliver(event: AnyEvent): void {
    this.emitted.push(event);
  }
}

function world(): { scenario: Scenario; role: WholesalersRole; house: Warehouse } {
  const scenario = aScenario({ wholesale: { ...wholesale, count: 1 } });
  const workshops = [
    { id: 0, lines: 2 },
    { id: 1, lines: 4 },
  ];
  const role = new WholesalersRole(scenario, workshops, [[0, 1], [], [], []]);
  const house = at(WholesalersRole.openingWarehouses(scenario), 0);
  house.stock = [10, 0, 0, 0];
  role.warehouses.set(0, house);
  return { scenario, role, house };
}

const request = (n: number, atMs: number, quantity: number): AnyEvent => ({
  id: `o${n}:requested`,
  type: 'StockRequested',
  atMs,
  orderId: `o${n}`,
  data: { shopId: n, wholesalerId: 0, category: 0, quantity, consumerUnitCents: 2_000 },
});

const tick = (n: number): AnyEvent => ({
  id: `wh0:tick${n}`,
  type: 'WarehouseTick',
  atMs: tickMs(n),
  orderId: '',
  data: { wholesalerId: 0, n },
});

function dispatchedAfter(events: AnyEvent[]): { orderId: string; filled: boolean }[] {
  const { role } = world();
  const ctx = new Recorder();
  for (const e of events) {
    ctx.nowMs = e.atMs;
    role.react(e, ctx);
  }
  return ctx.emitted
    .filter((e) => e.type === 'StockDispatched')
    .map((e) => ({ orderId: e.orderId, filled: (e.data as { filled: boolean }).filled }));
}

describe('WholesalersRole', () => {
  const requests = [
    request(1, HOUR_MS + 1_000, 4),
    request(2, HOUR_MS + 2_000, 4),
    request(3, HOUR_MS + 3_000, 4),
    // Within the warehouse's minute before the tick: waits for the next one.
    request(4, tickMs(1) - 30_000, 1),
  ];

  it('fills requests oldest first while stock lasts and refuses one it cannot fill whole, whatever order they were applied in', () => {
    const inOrder = dispatchedAfter([...requests, tick(1)]);
    expect(inOrder).toEqual([
      { orderId: 'o1', filled: true },
      { orderId: 'o2', filled: true },
      { orderId: 'o3', filled: false },
    ]);
    const shuffled = [3, 2, 0, 1].map((i) => at(requests, i));
    expect(dispatchedAfter([...shuffled, tick(1)])).toEqual(inOrder);
    // The late request goes out on the next tick, from the two units left.
    expect(dispatchedAfter([...requests, tick(1), tick(2)])).toEqual([
      ...inOrder,
      { orderId: 'o4', filled: true },
    ]);
  });

  it('orders batches at a review up to the cover, split over the contract workshops by lines, and takes them in on delivery', () => {
    const { role, house, scenario } = world();
    const ctx = new Recorder();
    ctx.nowMs = tickMs(0);
    role.react(tick(0), ctx);
    const batches = ctx.emitted.filter((e) => e.type === 'BatchOrdered');
    const forecast = plannedUnitsPerDay(scenario, 0, { ...wholesale, count: 1 });
    const wanted = Math.round(forecast * wholesale.coverDays - 10);
    const units = batches.reduce((a, e) => a + (e.data as { quantity: number }).quantity, 0);
    expect(units).toBe(wanted);
    expect(batches.map((e) => (e.data as { workshopId: number }).workshopId)).toEqual([0, 1]);
    expect(house.onOrder[0]).toBe(wanted);
    // The next tick is due, and nothing else is reviewed before a week has passed.
    expect(ctx.emitted.some((e) => e.type === 'WarehouseTick' && e.atMs === tickMs(1))).toBe(true);
    ctx.emitted.length = 0;
    ctx.nowMs = tickMs(1);
    role.react(tick(1), ctx);
    expect(ctx.emitted.filter((e) => e.type === 'BatchOrdered')).toEqual([]);
    role.react(
      {
        id: 'b',
        type: 'BatchDelivered',
        atMs: 30 * DAY_MS,
        orderId: '',
        data: {
          wholesalerId: 0,
          workshopId: 1,
          category: 0,
          quantity: 500,
          unitPriceCents: 900,
          orderedAtMs: 0,
        },
      },
      ctx,
    );
    expect(house.stock[0]).toBe(510);
    expect(house.onOrder[0]).toBe(wanted - 500);
  });
});
