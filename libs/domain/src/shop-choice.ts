/** How a consumer picks a shop: a few compared, the best by rating and price within budget. */
import type { Rng } from './rng';

export interface ShopView {
  /** Listing per unit, indexed [shop * categories + category]. */
  listingUnitCents: Int32Array;
  /** Stars, 1–5, indexed by shop. */
  rating: Float64Array;
  categories: number;
}

export interface ShopChoice {
  shopId: number;
  unitPriceCents: number;
}

/**
 * Compares `compared` shops drawn at random and takes the one with the best score —
 * `ratingWeight` × stars minus price relative to the ceiling — among those at or under
 * the ceiling. Returns null when none is affordable: the consumer walks away.
 */
export function chooseShop(
  rng: Rng,
  view: ShopView,
  shops: number,
  category: number,
  ceilingUnitCents: number,
  compared: number,
  ratingWeight: number,
): ShopChoice | null {
  let best: ShopChoice | null = null;
  let bestScore = -Infinity;
  for (let i = 0; i < compared; i++) {
    const shopId = rng.int(0, shops - 1);
    const price = view.listingUnitCents[shopId * view.categories + category] ?? 0;
    if (price > ceilingUnitCents) continue;
    const score = ratingWeight * (view.rating[shopId] ?? 0) - price / ceilingUnitCents;
    if (score > bestScore || (score === bestScore && best !== null && shopId < best.shopId)) {
      best = { shopId, unitPriceCents: price };
      bestScore = score;
    }
  }
  return best;
}
