/** Consumers' demand: a non-homogeneous Poisson process over a 24-hour curve with spikes. */
import type { Rng } from './rng';
import type { Scenario } from './scenario';
import { HOUR_MS, hourOfDay } from './time';

type Demand = Scenario['demand'];

export function spikeFactor(demand: Demand, simMs: number): number {
  const h = simMs / HOUR_MS;
  let factor = 1;
  for (const s of demand.spikes) {
    if (h >= s.atHour && h < s.atHour + s.durationHours) factor *= s.factor;
  }
  return factor;
}

/** Orders per simulated hour at this instant. */
export function arrivalRatePerHour(demand: Demand, simMs: number): number {
  return (
    demand.ordersPerHour * (demand.hourlyCurve[hourOfDay(simMs)] ?? 1) * spikeFactor(demand, simMs)
  );
}

/** An upper bound of the rate over the whole run, for thinning. */
export function maxArrivalRatePerHour(demand: Demand): number {
  const spikes = demand.spikes.reduce((f, s) => f * Math.max(1, s.factor), 1);
  return demand.ordersPerHour * Math.max(...demand.hourlyCurve) * spikes;
}

/**
 * The next arrival after `nowMs` (Lewis–Shedler thinning), or null when none comes
 * before `endMs`.
 */
export function nextArrivalMs(
  rng: Rng,
  demand: Demand,
  nowMs: number,
  endMs: number,
): number | null {
  const maxRate = maxArrivalRatePerHour(demand);
  if (maxRate <= 0) return null;
  let t = nowMs;
  for (;;) {
    t += rng.exponential(maxRate) * HOUR_MS;
    // Whole milliseconds, strictly after now: simulated times stay exact integers and
    // two arrivals never share an instant with their cause.
    const at = Math.max(nowMs + 1, Math.ceil(t));
    if (at >= endMs) return null;
    if (rng.next() * maxRate <= arrivalRatePerHour(demand, t)) return at;
  }
}

export interface OrderWish {
  category: number;
  quantity: number;
  wantedByMs: number;
  /** The most the consumer pays per unit. */
  ceilingUnitCents: number;
}

/** What a consumer wants: category, quantity, when, and the most it will pay. */
export function drawOrderWish(rng: Rng, scenario: Scenario, nowMs: number): OrderWish {
  const { categories, demand } = scenario;
  let total = 0;
  for (const c of categories) total += c.share;
  const category = rng.weightedIndex(
    categories.map((c) => c.share),
    total,
  );
  const ref = categories[category]?.referencePriceCents ?? 0;
  return {
    category,
    quantity: rng.int(demand.quantity.min, demand.quantity.max),
    wantedByMs:
      nowMs + rng.uniform(demand.wantedLeadHours.min, demand.wantedLeadHours.max) * HOUR_MS,
    ceilingUnitCents: Math.round(
      ref * rng.uniform(demand.ceilingFactor.min, demand.ceilingFactor.max),
    ),
  };
}
