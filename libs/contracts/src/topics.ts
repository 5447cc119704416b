/** The topic catalogue: the only place a topic name is written, and which event goes where. */
import type { EventType, WeftEvent } from '@weft/domain';

export const Topics = {
  ConsumersArrivals: 'consumers.arrivals',
  OrdersPlaced: 'orders.placed',
  PaymentsEscrow: 'payments.escrow',
  ShopsAccepted: 'shops.accepted',
  ShopsRfq: 'shops.rfq',
  ShopsRfqWindows: 'shops.rfq-windows',
  BiddingInvitations: 'bidding.invitations',
  BiddingBids: 'bidding.bids',
  BiddingAwards: 'bidding.awards',
  ProductionEvents: 'production.events',
  OrdersShipped: 'orders.shipped',
  OrdersDelivered: 'orders.delivered',
  OrdersCancelled: 'orders.cancelled',
  PaymentsSettled: 'payments.settled',
  Ratings: 'ratings',
  WholesaleStock: 'wholesale.stock',
  WholesaleDispatches: 'wholesale.dispatches',
  WholesaleBatchOrders: 'wholesale.batch-orders',
  WholesaleBatchDeliveries: 'wholesale.batch-deliveries',
  CapacityUsage: 'capacity.usage',
  CapacityScaled: 'capacity.scaled',
  DeadLetter: 'weft.dlq',
} as const;

export type TopicName = (typeof Topics)[keyof typeof Topics];

export const ALL_TOPICS: readonly TopicName[] = Object.values(Topics);

interface Route<T extends EventType> {
  topic: TopicName;
  /** The partition key: whoever owns this key owns the state the event changes. */
  key: (e: WeftEvent<T>) => string;
}

/** The partition key of a shop's events, and of a workshop's. */
export const shopKey = (shopId: number) => `s${shopId}`;
export const workshopKey = (workshopId: number) => `w${workshopId}`;
export const wholesalerKey = (wholesalerId: number) => `h${wholesalerId}`;

const byOrder = (e: WeftEvent) => e.orderId;
/** Everything a shop decides from travels keyed by the shop: one shops instance owns each shop. */
const byShop = (
  e: WeftEvent<
    | 'EscrowHeld'
    | 'BidPlaced'
    | 'BidDeclined'
    | 'RfqClosed'
    | 'ProductionFinished'
    | 'StockDispatched'
  >,
) => shopKey(e.data.shopId);
const byWorkshop = (
  e: WeftEvent<
    | 'BidInvited'
    | 'BidAwarded'
    | 'ProductionScheduled'
    | 'ProductionStarted'
    | 'RatingGiven'
    | 'BatchOrdered'
  >,
) => workshopKey(e.data.workshopId);
/** A wholesaler's stock changes only where its events land: one instance owns each. */
const byWholesaler = (e: WeftEvent<'StockRequested' | 'WarehouseTick' | 'BatchDelivered'>) =>
  wholesalerKey(e.data.wholesalerId);

/**
 * Every event type's topic and key: whoever owns a key owns the state its events change.
 * Events that change a workshop (its queue, its rating) travel keyed by the workshop, so
 * one bidding instance at a time owns each workshop; events a shop decides from travel
 * keyed by the shop, so one shops instance owns each shop's running costs and open
 * orders; the rest travel keyed by the order.
 */
export const EventRoutes: { [T in EventType]: Route<T> } = {
  ArrivalDue: { topic: Topics.ConsumersArrivals, key: () => 'arrivals' },
  DemandTick: { topic: Topics.ConsumersArrivals, key: () => 'arrivals' },
  OrderPlaced: { topic: Topics.OrdersPlaced, key: byOrder },
  EscrowHeld: { topic: Topics.PaymentsEscrow, key: byShop },
  OrderAccepted: { topic: Topics.ShopsAccepted, key: (e) => shopKey(e.data.shopId) },
  RfqOpened: { topic: Topics.ShopsRfq, key: byOrder },
  RfqClosed: { topic: Topics.ShopsRfqWindows, key: byShop },
  BidInvited: { topic: Topics.BiddingInvitations, key: byWorkshop },
  BidPlaced: { topic: Topics.BiddingBids, key: byShop },
  BidDeclined: { topic: Topics.BiddingBids, key: byShop },
  BidAwarded: { topic: Topics.BiddingAwards, key: byWorkshop },
  ProductionScheduled: { topic: Topics.ProductionEvents, key: byWorkshop },
  ProductionStarted: { topic: Topics.ProductionEvents, key: byWorkshop },
  // The shop ships what is finished: this one fact of production goes to the shop's partition.
  ProductionFinished: { topic: Topics.ProductionEvents, key: byShop },
  OrderShipped: { topic: Topics.OrdersShipped, key: byOrder },
  OrderDelivered: { topic: Topics.OrdersDelivered, key: byOrder },
  OrderCancelled: { topic: Topics.OrdersCancelled, key: byOrder },
  EscrowReleased: { topic: Topics.PaymentsSettled, key: byOrder },
  EscrowRefunded: { topic: Topics.PaymentsSettled, key: byOrder },
  RatingGiven: { topic: Topics.Ratings, key: byWorkshop },
  StockRequested: { topic: Topics.WholesaleStock, key: byWholesaler },
  WarehouseTick: { topic: Topics.WholesaleStock, key: byWholesaler },
  StockDispatched: { topic: Topics.WholesaleDispatches, key: byShop },
  BatchOrdered: { topic: Topics.WholesaleBatchOrders, key: byWorkshop },
  BatchDelivered: { topic: Topics.WholesaleBatchDeliveries, key: byWholesaler },
};

/** The services of the distributed engine, and the topics each one consumes. */
export const ServiceInputs = {
  consumers: [Topics.ConsumersArrivals, Topics.ShopsAccepted, Topics.OrdersDelivered],
  shops: [
    Topics.PaymentsEscrow,
    Topics.BiddingBids,
    Topics.ShopsRfqWindows,
    Topics.ProductionEvents,
    Topics.WholesaleDispatches,
  ],
  bidding: [
    Topics.ShopsRfq,
    Topics.BiddingInvitations,
    Topics.BiddingAwards,
    Topics.Ratings,
    Topics.WholesaleBatchOrders,
  ],
  payments: [
    Topics.OrdersPlaced,
    Topics.OrdersDelivered,
    Topics.OrdersCancelled,
    Topics.WholesaleBatchDeliveries,
  ],
  wholesalers: [Topics.WholesaleStock, Topics.WholesaleBatchDeliveries],
  capacity: [Topics.CapacityUsage],
  monitor: ALL_TOPICS.filter((t) => t !== Topics.CapacityUsage),
} as const satisfies Record<string, readonly TopicName[]>;

export type ServiceName = keyof typeof ServiceInputs;

/** The services that host a domain role (the others listen: capacity, monitor). */
export const ROLE_SERVICES = [
  'consumers',
  'shops',
  'bidding',
  'payments',
  'wholesalers',
] as const satisfies readonly ServiceName[];

export const SERVICE_NAMES = Object.keys(ServiceInputs) as ServiceName[];
