/** The topic catalogue: the only place a topic name is written. */
export const Topics = {
  OrdersPlaced: 'orders.placed',
  PaymentsEscrow: 'payments.escrow',
  ShopsRfq: 'shops.rfq',
  BiddingInvitations: 'bidding.invitations',
  BiddingBids: 'bidding.bids',
  BiddingAwards: 'bidding.awards',
  ProductionEvents: 'production.events',
  OrdersDelivered: 'orders.delivered',
  OrdersCancelled: 'orders.cancelled',
  PaymentsSettled: 'payments.settled',
  Ratings: 'ratings',
  CapacityUsage: 'capacity.usage',
  CapacityScaled: 'capacity.scaled',
  DeadLetter: 'weft.dlq',
} as const;

export type TopicName = (typeof Topics)[keyof typeof Topics];

export const ALL_TOPICS: readonly TopicName[] = Object.values(Topics);

/** The services of the distributed engine, and the topics each one consumes. */
export const ServiceInputs = {
  consumers: [Topics.ProductionEvents, Topics.OrdersDelivered, Topics.OrdersCancelled],
  shops: [
    Topics.OrdersPlaced,
    Topics.PaymentsEscrow,
    Topics.BiddingBids,
    Topics.BiddingAwards,
    Topics.ProductionEvents,
    Topics.PaymentsSettled,
    Topics.Ratings,
  ],
  bidding: [Topics.ShopsRfq, Topics.BiddingInvitations, Topics.PaymentsSettled, Topics.Ratings],
  payments: [Topics.OrdersPlaced, Topics.OrdersDelivered, Topics.OrdersCancelled],
  capacity: [Topics.CapacityUsage],
  monitor: ALL_TOPICS,
} as const satisfies Record<string, readonly TopicName[]>;

export type ServiceName = keyof typeof ServiceInputs;

export const SERVICE_NAMES = Object.keys(ServiceInputs) as ServiceName[];
