/** Shop pricing: listings from recent sourcing costs plus a margin, and the RFQ ceiling. */

export function listingUnitCents(sourcingCostCents: number, margin: number): number {
  return Math.round(sourcingCostCents * (1 + margin));
}

/**
 * The most a shop will pay a workshop per unit: what keeps at least `minMargin` of the
 * price the consumer pays; a second round raises it once by `raise` (the shop would
 * rather earn less than cancel).
 */
export function rfqCeilingUnitCents(
  unitPriceCents: number,
  minMargin: number,
  round: number,
  raise: number,
): number {
  const base = unitPriceCents * (1 - minMargin);
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
