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
  let bestScore = Infinity;
  for (const bid of bids) {
    if (bid.unitPriceCents > maxUnitCents) continue;
    const score = bidScore(bid, maxUnitCents, nowMs, readyByMs, weights);
    if (
      score < bestScore ||
      (score === bestScore && best !== null && bid.workshopId < best.workshopId)
    ) {
      best = bid;
      bestScore = score;
    }
  }
  return best;
}
