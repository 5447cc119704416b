/** The shop's award: the bid with the best score of price, workshop rating and lead time. */

export interface Bid {
  workshopId: number;
  unitPriceCents: number;
  unitCostCents: number;
  markup: number;
  readyAtMs: number;
  /** The workshop's rating when it bid: the workshop's own state, carried by its bid. */
  rating: number;
}

export interface AwardWeights {
  price: number;
  rating: number;
  leadTime: number;
}

/**
 * Lower is better: price relative to the ceiling, missing stars out of four, and the
 * share of the allowed time the workshop needs. Ties go to the lower workshop id, so the
 * award never depends on the order bids arrived in.
 */
export function bidScore(
  bid: Bid,
  maxUnitCents: number,
  nowMs: number,
  readyByMs: number,
  w: AwardWeights,
): number {
  const window = Math.max(1, readyByMs - nowMs);
  return (
    (w.price * bid.unitPriceCents) / maxUnitCents +
    (w.rating * (5 - bid.rating)) / 4 +
    (w.leadTime * Math.max(0, bid.readyAtMs - nowMs)) / window
  );
}

export function awardRfq(
  bids: readonly Bid[],
  maxUnitCents: number,
  nowMs: number,
  readyByMs: number,
  weights: AwardWeights,
): Bid | null {
  let best: Bid | null = null;
  for (const bid of bids) best = betterBid(best, bid, maxUnitCents, nowMs, readyByMs, weights);
  return best;
}

/**
 * The award among the best bid so far and one more: a shop that folds bids in as they
 * come keeps one bid per order, not all of them, and awards the same.
 */
export function betterBid(
  best: Bid | null,
  bid: Bid,
  maxUnitCents: number,
  nowMs: number,
  readyByMs: number,
  weights: AwardWeights,
): Bid | null {
  if (bid.unitPriceCents > maxUnitCents) return best;
  const score = bidScore(bid, maxUnitCents, nowMs, readyByMs, weights);
  if (best === null) return score < Infinity ? bid : null;
  const bestScore = bidScore(best, maxUnitCents, nowMs, readyByMs, weights);
  return score < bestScore || (score === bestScore && bid.workshopId < best.workshopId)
    ? bid
    : best;
}
