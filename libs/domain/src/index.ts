export { Rng, hashSeed } from './rng';
export { NO_REVISIONS, REVISION_MEMORY_MS, revise, revisedTo, valueAsOf } from './as-of';
export { CATALOGUE_DELAY_MS, Catalogue } from './catalogue';
export type { CatalogueNews } from './catalogue';
export type { Revisable, Revision } from './as-of';
export { MINUTE_MS, HOUR_MS, DAY_MS, hourOfDay, hours } from './time';
export type { Automation, Scenario, Category, Range, Spike, Wholesale } from './scenario';
export { scaleScenario } from './scenario';
export { EVENT_TYPES, eventId } from './events';
export type { EventPayloads, EventType, WeftEvent, AnyEvent } from './events';
export {
  arrivalRatePerHour,
  maxArrivalRatePerHour,
  nextArrivalMs,
  drawOrderWish,
  spikeFactor,
} from './demand';
export type { OrderWish } from './demand';
export { listingUnitCents, rfqCeilingUnitCents, updateSourcingCost } from './pricing';
export { chooseShop, rankShops } from './shop-choice';
export type { ShopView, ShopChoice } from './shop-choice';
export { scheduleProduction, workingMsBetween } from './calendar';
export type { ProductionPlan, ProductionSpan, Shift } from './calendar';
export {
  unitCostCents,
  workMinutes,
  workMs,
  backlogHours,
  adaptMarkup,
  planJob,
  decideBid,
} from './bidding';
export type { Workshop, BidDecision } from './bidding';
export { awardRfq, bidScore } from './award';
export type { Bid, AwardWeights } from './award';
export { Ledger, ACCOUNTS, settle, postSettlement, platformFeeRate } from './ledger';
export type { Account, Settlement } from './ledger';
export { nextPickupMs, deliveryMs, rateDelivery, updateRating } from './delivery';
export { demandUnitsByHour, planCapacity, recommendReplicas, targetInstances } from './capacity';
export type { CapacityHour, LagPolicy } from './capacity';
export {
  meanQuantity,
  workShares,
  createShops,
  createWorkshops,
  workshopsByCategory,
  initialShopView,
  initialSourcingCost,
  workshopWorkers,
  INITIAL_RATING,
} from './world';
export type { Shop } from './world';
export { SeededContext } from './roles/reactor';
export { RoleHandles, REACTIONS_PER_EVENT, EMITTED_BY, reactionsTo } from './roles/handles';
export type { RoleName } from './roles/handles';
export type { Reactor, ReactContext } from './roles/reactor';
export { ConsumersRole } from './roles/consumers.role';
export { ShopsRole } from './roles/shops.role';
export { OrderMap } from './roles/order-map';
export { BiddingRole } from './roles/bidding.role';
export { PaymentsRole } from './roles/payments.role';
export { WholesalersRole } from './roles/wholesalers.role';
export type { Warehouse, StockRequest } from './roles/wholesalers.role';
export {
  batchUnitCostCents,
  contractUnitCents,
  wholesaleUnitCents,
  wholesalerOf,
  plannedUnitsPerDay,
  orderUpTo,
  splitBatch,
  tickMs,
  isReviewTick,
  batchArrivalMs,
  chainPrices,
} from './wholesale';
export type { ChainPrices } from './wholesale';
