/** The world at time zero, drawn from the scenario seed: shops, workshops, first prices. */
import type { Revision } from './as-of';
import { unitCostCents, type Workshop } from './bidding';
import { listingUnitCents } from './pricing';
import { Rng } from './rng';
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
}

export const INITIAL_RATING = 4;

/** What a shop expects a unit to cost before it has bought any: cost at the starting mark-up. */
export function initialSourcingCost(scenario: Scenario, category: number): number {
  const c = scenario.categories[category];
  return c ? unitCostCents(c, scenario.workshops) * (1 + scenario.workshops.markup.start) : 0;
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
    };
  });
}

export function createWorkshops(scenario: Scenario): Workshop[] {
  const p = scenario.workshops;
  const shares = scenario.categories.map((c) => c.share);
  const total = shares.reduce((a, b) => a + b, 0);
  return Array.from({ length: p.count }, (_, id) => {
    const rng = new Rng(scenario.seed, `workshop:${id}`);
    const lines = rng.int(p.lines.min, p.lines.max);
    return {
      id,
      category: rng.weightedIndex(shares, total),
      lines,
      crew: Math.max(1, Math.round(lines * p.workersPerLine)),
      nightShift: rng.chance(p.nightShiftShare),
      markup: p.markup.start,
      busyUntilMs: 0,
      rating: INITIAL_RATING,
      ratingsReceived: 0,
      revisions: [],
    };
  });
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
  const listing = new Int32Array(shops.length * k);
  for (const s of shops) {
    for (let c = 0; c < k; c++)
      listing[s.id * k + c] = listingUnitCents(s.sourcingCostCents[c] ?? 0, s.margin);
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
