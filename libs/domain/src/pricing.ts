/** Shop pricing: listings from recent sourcing costs plus a margin, and the RFQ ceiling. */

/**
 * A shop's listing: its sourcing cost plus its margin, grossed up by the platform's fees
 * (`feeRate`, a share of the price), so that what the platform takes is passed on to the
 * consumer rather than out of the shop's margin.
 */
export function listingUnitCents(
  sourcingCostCents: number,
  margin: number,
  feeRate: number,
): number {
  return Math.round((sourcingCostCents * (1 + margin)) / (1 - feeRate));
}

/**
 * The most a shop will pay a workshop per unit: what leaves it, after the platform's fees
 * (`feeRate`), at least `minMargin` of the price the consumer pays; a second round raises
 * it once by `raise` (the shop would rather earn less than cancel, and may then keep less
 * than the fees: a negative margin, which the report counts). Fees thus reach the
 * workshops' bids through the ceiling.
 */
export function rfqCeilingUnitCents(
  unitPriceCents: number,
  minMargin: number,
  round: number,
  raise: number,
  feeRate: number,
): number {
  const base = unitPriceCents * Math.max(0, 1 - feeRate - minMargin);
  return Math.floor(round <= 1 ? base : base * (1 + raise));
}

/** The shop's running estimate of what a unit costs to source (an exponential average). */
export function updateSourcingCost(
  previousCents: number,
  paidCents: number,
  memory: number,
): number {
  return previousCents + memory * (paidCents - previousCents);
}
