/** After production: the courier's pickup slots, transit, and the consumer's rating. */
import type { Rng } from './rng';
import type { Scenario } from './scenario';
import { DAY_MS, HOUR_MS } from './time';

/** The first pickup at or after `readyMs`. */
export function nextPickupMs(readyMs: number, pickupHours: readonly number[]): number {
  const dayStart = readyMs - (readyMs % DAY_MS);
  let best = Infinity;
  for (const h of pickupHours) {
    for (const day of [0, DAY_MS]) {
      const t = dayStart + day + h * HOUR_MS;
      if (t >= readyMs && t < best) best = t;
    }
  }
  return best === Infinity ? readyMs : best;
}

export function deliveryMs(rng: Rng, readyMs: number, shipping: Scenario['shipping']): number {
  const pickup = nextPickupMs(readyMs, shipping.pickupHours);
  return (
    pickup + Math.round(rng.uniform(shipping.transitHours.min, shipping.transitHours.max) * HOUR_MS)
  );
}

/**
 * Five stars on time; one star less for every started 12 hours late, never below one;
 * and one in ten consumers takes a star off anyway.
 */
export function rateDelivery(rng: Rng, deliveredMs: number, wantedByMs: number): number {
  const lateHours = Math.max(0, (deliveredMs - wantedByMs) / HOUR_MS);
  const stars = 5 - Math.ceil(lateHours / 12) - (rng.chance(0.1) ? 1 : 0);
  return Math.max(1, Math.min(5, stars));
}

/** Ratings move slowly: each new one counts one tenth. */
export function updateRating(previous: number, stars: number): number {
  return previous + 0.1 * (stars - previous);
}
