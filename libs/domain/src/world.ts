/** The world at time zero, drawn from the scenario seed: shops, workshops, first prices. */
import type { Revision } from './as-of';
import { unitCostCents, workMinutes, type Workshop } from './bidding';
import { platformFeeRate } from './ledger';
import { listingUnitCents } from './pricing';
import { Rng } from './rng';
import { wholesaleUnitCents } from './wholesale';
import type { Scenario } from './scenario';
import type { ShopView } from './shop-choice';

export interface Shop {
  id: number;
  margin: number;
  /** Running sourcing cost per unit, by category. */
  sourcingCostCents: Float64Array;
  /** Awards that have moved the running cost (one each). */
  costUpdates: number;
  /** The last minutes' writes of its sourcing costs (slot: the category; see as-of.ts). */
  revisions: Revision[];
  /** A time at or after every write in `revisions` (see as-of.ts). */
  revisedToMs: number;
}

export const INITIAL_RATING = 4;

/** The mean quantity of an order (quantities are drawn uniformly from the range). */
export function meanQuantity(scenario: Scenario): number {
  return (scenario.demand.quantity.min + scenario.demand.quantity.max) / 2;
}

/**
 * What a shop expects a unit to cost before it has bought any: cost at the starting
 * mark-up, for an order of the mean quantity, made by hand (automated workshops' lower
 * costs reach the shops through the awards, as every other change of cost does).
 */
export function initialSourcingCost(scenario: Scenario, category: number): number {
  const c = scenario.categories[category];
  // The traditional chain buys at the wholesaler's price list, which does not change.
  if (c && scenario.wholesale) return wholesaleUnitCents(c, scenario.workshops, scenario.wholesale);
  return c
    ? unitCostCents(c, scenario.workshops, meanQuantity(scenario)) *
        (1 + scenario.workshops.markup.start)
    : 0;
}

/**
 * Each category's share of the work the demand brings: its share of orders times the
 * line-minutes of a mean order (set-up included). Workshops are assigned categories by
 * these weights, so a dress (20 minutes a unit) gets more workshops than a phone case (2)
 * and every category meets about the same load. Minutes by hand: the demand's work, before
 * any workshop (automated or not) takes it on.
 */
export function workShares(scenario: Scenario): number[] {
  const q = meanQuantity(scenario);
  return scenario.categories.map((c) => c.share * workMinutes(c, q, scenario.workshops));
}

export function createShops(scenario: Scenario): Shop[] {
  const k = scenario.categories.length;
  return Array.from({ length: scenario.shops.count }, (_, id) => {
    const rng = new Rng(scenario.seed, `shop:${id}`);
    const sourcingCostCents = new Float64Array(k);
    for (let c = 0; c < k; c++) sourcingCostCents[c] = initialSourcingCost(scenario, c);
    return {
      id,
      margin: rng.uniform(scenario.shops.margin.min, scenario.shops.margin.max),
      sourcingCostCents,
      costUpdates: 0,
      revisions: [],
      revisedToMs: 0,
    };
  });
}

/**
 * The workshops, each with its lines, shifts and the one category it makes. Categories are
 * dealt out by work, not by orders: each workshop in turn takes the category whose
 * regular line-hours are furthest below its share of the work (`workShares`), so every
 * category meets about the same load; every category gets a workshop before any gets a
 * second, while there are enough. Some are automated (scenario.workshops.automation):
 * the same lines and category, fewer minutes a unit.
 */
export function createWorkshops(scenario: Scenario): Workshop[] {
  const p = scenario.workshops;
  const shares = workShares(scenario);
  const lineHours = shares.map(() => 0);
  const dayHours = p.dayShift.end - p.dayShift.start;
  return Array.from({ length: p.count }, (_, id) => {
    const rng = new Rng(scenario.seed, `workshop:${id}`);
    const lines = rng.int(p.lines.min, p.lines.max);
    const nightShift = rng.chance(p.nightShiftShare);
    const hours = lines * (nightShift ? 24 : dayHours);
    const category = leastServed(lineHours, shares, hours);
    lineHours[category] = (lineHours[category] ?? 0) + hours;
    return {
      id,
      category,
      lines,
      crew: Math.max(1, Math.round(lines * p.workersPerLine)),
      nightShift,
      markup: p.markup.start,
      busyUntilMs: 0,
      rating: INITIAL_RATING,
      ratingsReceived: 0,
      minutesFactor: minutesFactorOf(scenario, id),
      revisions: [],
      revisedToMs: 0,
    };
  });
}

/**
 * Whether a workshop is automated comes from a generator of its own, so that automating
 * some workshops moves no other draw: their lines, shifts and categories stay as they were.
 */
function minutesFactorOf(scenario: Scenario, id: number): number {
  const automation = scenario.workshops.automation;
  if (!automation) return 1;
  const automated = new Rng(scenario.seed, `automation:${id}`).chance(automation.share);
  return automated ? automation.minutesFactor : 1;
}

/**
 * The category that, given `hours` more, would have the fewest line-hours for its share of
 * the work; one with none yet comes first (the largest share first). Ties: the lower index.
 */
function leastServed(
  lineHours: readonly number[],
  shares: readonly number[],
  hours: number,
): number {
  let best = 0;
  let bestKey = Infinity;
  for (let c = 0; c < shares.length; c++) {
    const share = shares[c] ?? 0;
    if (share <= 0) continue;
    const have = lineHours[c] ?? 0;
    const key = have === 0 ? -share : (have + hours) / share;
    if (key < bestKey) {
      best = c;
      bestKey = key;
    }
  }
  return best;
}

/** Workshop ids by the category they make. */
export function workshopsByCategory(
  scenario: Scenario,
  workshops: readonly Workshop[],
): number[][] {
  const by: number[][] = scenario.categories.map(() => []);
  for (const w of workshops) by[w.category]?.push(w.id);
  return by;
}

/** The consumers' first view of the shops: listings at the initial cost, equal ratings. */
export function initialShopView(scenario: Scenario, shops: readonly Shop[]): ShopView {
  const k = scenario.categories.length;
  const fee = platformFeeRate(scenario.payments);
  const listing = new Int32Array(shops.length * k);
  for (const s of shops) {
    for (let c = 0; c < k; c++)
      listing[s.id * k + c] = listingUnitCents(s.sourcingCostCents[c] ?? 0, s.margin, fee);
  }
  return {
    listingUnitCents: listing,
    rating: new Float64Array(shops.length).fill(INITIAL_RATING),
    categories: k,
  };
}

/** Workers in all workshops: one crew each, two where a night shift runs. */
export function workshopWorkers(workshops: readonly Workshop[]): number {
  return workshops.reduce((n, w) => n + w.crew * (w.nightShift ? 2 : 1), 0);
}
