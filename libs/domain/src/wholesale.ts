/**
 * The traditional chain's arithmetic: contract and wholesale prices, who trades with whom,
 * the forecast and the order-up-to rule. The role (roles/wholesalers.role.ts) applies it.
 */
import type { Workshop } from './bidding';
import { unitCostCents } from './bidding';
import type { Category, Scenario, Wholesale } from './scenario';
import { DAY_MS, HOUR_MS, MINUTE_MS } from './time';

/**
 * A batch's cost a unit: material and the crew's wages, the set-up spread so thin over
 * thousands of units that it is left out.
 */
export function batchUnitCostCents(category: Category, params: Scenario['workshops']): number {
  return unitCostCents(category, { ...params, setupMinutesPerOrder: 0 }, 1);
}

/** What a wholesaler pays its workshop a unit: the cost plus the contract's mark-up. */
export function contractUnitCents(
  category: Category,
  params: Scenario['workshops'],
  w: Wholesale,
): number {
  return Math.round(batchUnitCostCents(category, params) * (1 + w.contractMarkup));
}

/** The wholesaler's price list for shops: the contract price plus its margin. */
export function wholesaleUnitCents(
  category: Category,
  params: Scenario['workshops'],
  w: Wholesale,
): number {
  return Math.round(contractUnitCents(category, params, w) * (1 + w.margin));
}

/** A category's prices along the chain, a unit: the batch's cost, the contract, the price list. */
export interface ChainPrices {
  batchCostCents: number;
  contractCents: number;
  wholesaleCents: number;
}

/** Every category's chain prices, worked out once (they hold for the whole run). */
export function chainPrices(scenario: Scenario, w: Wholesale): ChainPrices[] {
  const params = scenario.workshops;
  return scenario.categories.map((c) => ({
    batchCostCents: batchUnitCostCents(c, params),
    contractCents: contractUnitCents(c, params, w),
    wholesaleCents: wholesaleUnitCents(c, params, w),
  }));
}

/** The wholesaler a shop buys from. */
export function wholesalerOf(shopId: number, w: Wholesale): number {
  return shopId % w.count;
}

/**
 * A wholesaler's contract workshops for each category: those of the category whose id
 * falls to it (w mod count), or all of the category when none does (a small world).
 */
export function contractWorkshops(
  wholesalerId: number,
  byCategory: readonly (readonly number[])[],
  w: Wholesale,
): number[][] {
  return byCategory.map((ids) => {
    const own = ids.filter((id) => id % w.count === wholesalerId);
    return own.length > 0 ? own : [...ids];
  });
}

/**
 * The planner's first forecast of one wholesaler's requests a day, in units of a category:
 * the scenario's mean demand, shared by the category and the wholesalers. Sales replace it
 * review by review (`nextForecast`).
 */
export function plannedUnitsPerDay(scenario: Scenario, category: number, w: Wholesale): number {
  const d = scenario.demand;
  const ordersPerDay = d.ordersPerHour * d.hourlyCurve.reduce((a, b) => a + b, 0);
  const shares = scenario.categories.reduce((a, c) => a + c.share, 0);
  const share = (scenario.categories[category]?.share ?? 0) / (shares || 1);
  const meanQuantity = (d.quantity.min + d.quantity.max) / 2;
  return (ordersPerDay * share * meanQuantity) / w.count;
}

/** The forecast after a review period in which `requested` units a day were asked for. */
export function nextForecast(previous: number, requestedPerDay: number, w: Wholesale): number {
  return previous + w.forecastMemory * (requestedPerDay - previous);
}

/**
 * Units to order at a review: enough to bring stock in hand and on order up to
 * `coverDays` of the forecast (none when it is there already).
 */
export function orderUpTo(
  forecastPerDay: number,
  inHand: number,
  onOrder: number,
  w: Wholesale,
): number {
  return Math.max(0, Math.round(forecastPerDay * w.coverDays - inHand - onOrder));
}

/**
 * Splits a batch over the contract workshops by their lines; the remainder of the
 * rounding goes to the first. Workshops given nothing are left out.
 */
export function splitBatch(
  quantity: number,
  workshops: readonly Pick<Workshop, 'id' | 'lines'>[],
): { workshopId: number; quantity: number }[] {
  const lines = workshops.reduce((a, x) => a + x.lines, 0);
  if (lines === 0 || quantity <= 0) return [];
  const parts = workshops.map((x) => ({
    workshopId: x.id,
    quantity: Math.floor((quantity * x.lines) / lines),
  }));
  const first = parts[0];
  if (first) first.quantity += quantity - parts.reduce((a, p) => a + p.quantity, 0);
  return parts.filter((p) => p.quantity > 0);
}

/**
 * The warehouse ticks at half past each hour. Requests are dispatched on the first tick
 * at least `WAREHOUSE_DELAY_MS` after them, in time order: the order in which a
 * distributed engine happens to apply them cannot change who gets the last units. Batches
 * arrive on the hour, half an hour from any tick.
 */
export const WAREHOUSE_DELAY_MS = MINUTE_MS;
export const TICK_OFFSET_MS = 30 * MINUTE_MS;

export function tickMs(n: number): number {
  return n * HOUR_MS + TICK_OFFSET_MS;
}

/** When a batch finished at `finishMs` reaches the warehouse: after freight, on the hour. */
export function batchArrivalMs(finishMs: number, w: Wholesale): number {
  return Math.ceil((finishMs + w.freightDays * DAY_MS) / HOUR_MS) * HOUR_MS;
}

/**
 * Whether tick `n` is a review of wholesaler `wholesalerId`: one every `reviewDays`, the
 * first at its own hour (wholesaler k reviews at hour k), so two wholesalers' batches never
 * reach a shared workshop at the same moment.
 */
export function isReviewTick(n: number, wholesalerId: number, w: Wholesale): boolean {
  const period = Math.max(1, Math.round(w.reviewDays * 24));
  return n >= wholesalerId % period && (n - wholesalerId) % period === 0;
}
