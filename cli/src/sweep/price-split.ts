/**
 * Where the consumer's money goes, as shares of GMV (what consumers paid for delivered
 * orders): material, labour, the workshop's margin, the shop and the platform.
 *
 * Exact from the report: platform, shop and workshop together, from the ledger, which moves
 * money only on settlement (escrow → shop less commission → platform; shop → workshop).
 *
 * Approximated, because the report has no per-category or per-order cost figures yet:
 * the workshop's revenue is split into cost and margin by the ratio of the mean unit cost
 * to the mean winning bid (per-award means, not weighted by quantity, and over awards
 * rather than deliveries), and the cost into material and labour by the scenario's own
 * category mix (material against material + crew wages, weighted by category share), not
 * the mix that was actually ordered. Once the report carries `workshops.wageBill`,
 * `workshops.ownersMargin` and `byCategory`, labour, margin and material should come from
 * those instead.
 */
import { unitCostCents, type Scenario } from '@weft/domain';
import type { RunReport } from '@weft/telemetry';

export interface PriceSplit {
  material: number;
  labour: number;
  workshopMargin: number;
  shop: number;
  platform: number;
}

/** Material's share of a unit's cost over the scenario's category mix. */
export function materialShareOfCost(s: Scenario): number {
  let material = 0;
  let cost = 0;
  for (const c of s.categories) {
    material += c.share * c.materialCents;
    cost += c.share * unitCostCents(c, s.workshops);
  }
  return cost > 0 ? material / cost : NaN;
}

/** NaN everywhere when nothing was delivered (there is no GMV to divide). */
export function priceSplit(r: RunReport, s: Scenario): PriceSplit {
  const gmv = r.prices.gmvCents;
  const share = (cents: number | undefined) => (gmv > 0 && cents !== undefined ? cents / gmv : NaN);
  const workshops = share(r.ledger.balances.workshops);
  const costOfBid =
    r.prices.meanWinningBid > 0 ? r.prices.meanUnitCost / r.prices.meanWinningBid : NaN;
  const materialOfCost = materialShareOfCost(s);
  return {
    material: workshops * costOfBid * materialOfCost,
    labour: workshops * costOfBid * (1 - materialOfCost),
    workshopMargin: workshops * (1 - costOfBid),
    shop: share(r.ledger.balances.shops),
    platform: share(r.ledger.balances.platform),
  };
}
