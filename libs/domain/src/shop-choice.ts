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
 * the ceiling. Returns null when none is affordable: the consumer walks away. With a
 * `shown` list (the platform's ranking), shops are drawn from it alone.
 */
export function chooseShop(
  rng: Rng,
  view: ShopView,
  shops: number,
  category: number,
  ceilingUnitCents: number,
  compared: number,
  ratingWeight: number,
  shown?: Int32Array,
): ShopChoice | null {
  let best: ShopChoice | null = null;
  let bestScore = -Infinity;
  for (let i = 0; i < compared; i++) {
    const shopId = shown ? (shown[rng.int(0, shown.length - 1)] ?? 0) : rng.int(0, shops - 1);
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

/**
 * The platform's ranking: the `visible` shops of a category it shows consumers, best
 * first by the same score consumers use (stars against price, here relative to the
 * category's reference price). Ties go to the lower shop id. The ranking is taken from
 * the catalogue as it stands, so both engines rank alike.
 */
export function rankShops(
  view: ShopView,
  shops: number,
  category: number,
  referenceUnitCents: number,
  ratingWeight: number,
  visible: number,
): Int32Array {
  const n = Math.min(visible, shops);
  const ids = new Int32Array(n);
  const scores = new Float64Array(n);
  let filled = 0;
  for (let shopId = 0; shopId < shops; shopId++) {
    const price = view.listingUnitCents[shopId * view.categories + category] ?? 0;
    const score = ratingWeight * (view.rating[shopId] ?? 0) - price / referenceUnitCents;
    // Most shops miss a full list; the rest are inserted into the sorted top n.
    if (filled === n && score <= (scores[n - 1] ?? 0)) continue;
    let at = filled < n ? filled : n;
    while (at > 0 && (scores[at - 1] ?? 0) < score) at--;
    if (at >= n) continue;
    const last = Math.min(filled, n - 1);
    for (let j = last; j > at; j--) {
      ids[j] = ids[j - 1] ?? 0;
      scores[j] = scores[j - 1] ?? 0;
    }
    ids[at] = shopId;
    scores[at] = score;
    if (filled < n) filled++;
  }
  return ids;
}
