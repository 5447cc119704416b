/**
 * The facts of the simulated world. Every event has a deterministic id derived from its
 * cause, a type, the simulated time at which it happens, and the order it concerns.
 */

export interface EventPayloads extends WholesalePayloads {
  /** A consumer's n-th arrival is due (the demand generator's own timer). */
  ArrivalDue: { n: number };
  /**
   * The demand generator's hourly tick: it plans the arrivals of the window ahead, from
   * arrival `n` on, the last one planned having come at `fromMs`.
   */
  DemandTick: { n: number; fromMs: number };
  OrderPlaced: {
    consumerId: number;
    shopId: number;
    category: number;
    quantity: number;
    unitPriceCents: number;
    totalCents: number;
    wantedByMs: number;
  };
  /** Payments copies what the shop needs, so the shop depends on this one fact alone. */
  EscrowHeld: {
    shopId: number;
    consumerId: number;
    amountCents: number;
    category: number;
    quantity: number;
    unitPriceCents: number;
    placedAtMs: number;
    wantedByMs: number;
  };
  /** The shop takes the order; its current listing lets consumers see its price. */
  OrderAccepted: { shopId: number; category: number; listingUnitCents: number };
  RfqOpened: {
    shopId: number;
    category: number;
    quantity: number;
    round: number;
    maxUnitCents: number;
    readyByMs: number;
    invited: number[];
  };
  BidInvited: {
    shopId: number;
    workshopId: number;
    category: number;
    quantity: number;
    round: number;
    maxUnitCents: number;
    readyByMs: number;
  };
  BidPlaced: {
    shopId: number;
    workshopId: number;
    round: number;
    unitPriceCents: number;
    unitCostCents: number;
    markup: number;
    readyAtMs: number;
    /** The workshop's rating when it bid. */
    rating: number;
  };
  /** The shop's bid window for a round closes (the shop's own timer). */
  /** The workshop will not bid: the shop then knows every invitee has answered. */
  BidDeclined: { shopId: number; workshopId: number; round: number };
  RfqClosed: { shopId: number; round: number };
  BidAwarded: {
    shopId: number;
    workshopId: number;
    category: number;
    quantity: number;
    unitPriceCents: number;
    unitCostCents: number;
    listingUnitCents: number;
    readyAtMs: number;
    bids: number;
  };
  ProductionScheduled: {
    workshopId: number;
    shopId: number;
    startMs: number;
    finishMs: number;
    workers: number;
    /** Working spans [start, end) in simulated ms; overtime ones are flagged. */
    spans: { fromMs: number; toMs: number; overtime: boolean }[];
  };
  ProductionStarted: { workshopId: number };
  ProductionFinished: { workshopId: number; shopId: number };
  OrderShipped: { shopId: number; workshopId: number; deliverAtMs: number };
  OrderDelivered: {
    shopId: number;
    workshopId: number;
    consumerId: number;
    category: number;
    placedAtMs: number;
    wantedByMs: number;
    totalCents: number;
    costCents: number;
  };
  OrderCancelled: {
    shopId: number;
    consumerId: number;
    category: number;
    placedAtMs: number;
    /** Nobody bid in either round, or (the traditional chain) the wholesaler had none in stock. */
    reason: 'no-bids' | 'out-of-stock';
  };
  EscrowReleased: {
    shopId: number;
    workshopId: number;
    totalCents: number;
    commissionCents: number;
    workshopCents: number;
  };
  EscrowRefunded: { consumerId: number; amountCents: number };
  RatingGiven: { shopId: number; workshopId: number; stars: number };
}

/**
 * The traditional chain's facts (scenario `wholesale`). A shop asks its wholesaler for an
 * order's units; the warehouse dispatches, or refuses, on its hourly tick; reviews order
 * batches from contract workshops, which deliver them to the warehouse after freight.
 */
export interface WholesalePayloads {
  StockRequested: {
    shopId: number;
    wholesalerId: number;
    category: number;
    quantity: number;
    /** What the consumer pays a unit (for the accounts of where the money goes). */
    consumerUnitCents: number;
  };
  /** The warehouse's hourly tick (its own timer); `n` counts ticks from the run's start. */
  WarehouseTick: { wholesalerId: number; n: number };
  /** Units leave the warehouse for the shop's customer, or (`filled` false) none are in stock. */
  StockDispatched: {
    shopId: number;
    wholesalerId: number;
    category: number;
    quantity: number;
    filled: boolean;
    /** The wholesaler's price a unit, and the consumer's. */
    unitPriceCents: number;
    consumerUnitCents: number;
  };
  BatchOrdered: {
    wholesalerId: number;
    workshopId: number;
    category: number;
    quantity: number;
    /** The contract price a unit, and the workshop's cost a unit at the set wage. */
    unitPriceCents: number;
    unitCostCents: number;
  };
  /** The batch reaches the warehouse (made, then shipped by freight); it is paid for then. */
  BatchDelivered: {
    wholesalerId: number;
    workshopId: number;
    category: number;
    quantity: number;
    unitPriceCents: number;
    orderedAtMs: number;
  };
}

export type EventType = keyof EventPayloads;

export interface WeftEvent<T extends EventType = EventType> {
  id: string;
  type: T;
  /** Simulated time at which the event happens. */
  atMs: number;
  orderId: string;
  data: EventPayloads[T];
}

export type AnyEvent = { [T in EventType]: WeftEvent<T> }[EventType];

export const EVENT_TYPES: readonly EventType[] = [
  'ArrivalDue',
  'DemandTick',
  'OrderPlaced',
  'EscrowHeld',
  'OrderAccepted',
  'RfqOpened',
  'BidInvited',
  'BidPlaced',
  'BidDeclined',
  'RfqClosed',
  'BidAwarded',
  'ProductionScheduled',
  'ProductionStarted',
  'ProductionFinished',
  'OrderShipped',
  'OrderDelivered',
  'OrderCancelled',
  'EscrowReleased',
  'EscrowRefunded',
  'RatingGiven',
  'StockRequested',
  'WarehouseTick',
  'StockDispatched',
  'BatchOrdered',
  'BatchDelivered',
];

/** An event's id from its cause: `${orderId}:${suffix}`, or `suffix` for no order. */
export function eventId(orderId: string, suffix: string): string {
  return orderId === '' ? suffix : `${orderId}:${suffix}`;
}
