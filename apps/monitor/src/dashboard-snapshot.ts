/**
 * What the monitor sends its dashboard: a snapshot of the run once a second over SSE, and
 * an order's journey from /orders/:id. The page imports these types, so this file imports
 * nothing (it is type-checked for the browser too).
 */

export interface DashboardSnapshot {
  /** When the snapshot was made (wall ms since the epoch). */
  wallMs: number;
  run: string | null;
  /** Whether the monitor reads a run's topics yet (false: it waits for a run to start). */
  listening: boolean;
  clock: ClockView | null;
  events: EventCounts;
  lag: LagView;
  latency: HopView[];
  orders: OrderStagesView;
  leadTime: LeadTimeView | null;
  utilization: UtilizationView | null;
  prices: PricesView | null;
  take: TakeView | null;
  capacity: CapacityRow[];
  deadLetters: DeadLettersView;
  recentOrders: { placed: OrderRef[]; ended: OrderRef[] };
}

export interface ClockView {
  /** Every event up to this simulated time has been applied by every role. */
  doneUntilMs: number;
  /** Timers up to this simulated time may fire. */
  fireUntilMs: number;
  horizonMs: number;
  finished: boolean;
  /** Simulated hours per wall second asked for (null: as fast as the pipeline carries). */
  paceAsked: number | null;
  /** Simulated hours per wall second the frontier moved over the last few seconds. */
  paceAchieved: number | null;
}

export interface EventCounts {
  /** Distinct events read (each id once). */
  distinct: number;
  duplicates: number;
  unreadable: number;
  /** Messages per topic so far: distinct events, dead letters, scaling records. */
  byTopic: Record<string, number>;
  /** Per topic, messages per wall second from `fromSec` (epoch seconds) on. */
  perSecond: { fromSec: number; byTopic: Record<string, number[]> };
}

export interface LagView {
  /** When the lag was read (0: not yet), and why the last read failed, if it did. */
  wallMs: number;
  error: string | null;
  /** Per consumer group (by service): lag per partition, summed over its topics. */
  groups: { service: string; total: number; byPartition: number[] }[];
}

export interface HopView {
  hop: string;
  /** The service whose consume, apply and produce the hop measures. */
  by: string;
  count: number;
  p50Ms: number;
  p99Ms: number;
}

export interface OrderStagesView {
  /** Orders now in each stage of their life (terminal stages count every order that got there). */
  byStage: { stage: string; count: number }[];
  /** Orders whose journey the monitor keeps now. */
  tracked: number;
  /** Orders forgotten (beyond the monitor's memory) before they ended. */
  forgotten: number;
}

export interface LeadTimeView {
  binHours: number;
  /** Delivered orders per lead-time bin (the last bin takes everything longer). */
  counts: number[];
  delivered: number;
  within: { h24: number; h48: number; h72: number };
}

export interface UtilizationView {
  /** Share of workshop time busy at each hour of the simulated day. */
  byHour: number[];
  /** The simulated days that share is over. */
  days: number;
}

export interface PricesView {
  /** Mean unit prices (cents) per simulated hour, from hour 0 on. */
  listing: number[];
  winningBid: number[];
  unitCost: number[];
  meanListing: number;
  meanWinningBid: number;
  meanUnitCost: number;
}

export interface TakeView {
  commissionCents: number;
  gmvCents: number;
  /** Commission over the value of settled orders. */
  share: number;
  settled: number;
}

/** The capacity service's last scaling record for one service. */
export interface CapacityRow {
  service: string;
  hour: number;
  instances: number;
  utilization: number;
  costCents: number;
  consumerLag: number;
  recommendedReplicas: number;
}

export interface DeadLettersView {
  count: number;
  /** Dead letters by reason and by the service that refused them, most frequent first. */
  byReason: { reason: string; service: string; count: number }[];
  recent: { reason: string; source: string; service: string }[];
}

export interface OrderRef {
  orderId: string;
  stage: string;
}

/** One order's life as /orders/:id tells it. */
export interface JourneyView {
  orderId: string;
  stage: string;
  steps: JourneyStepView[];
}

export interface JourneyStepView {
  type: string;
  id: string;
  /** Simulated time (ms) and the wall time it was produced (ms since the epoch). */
  atMs: number;
  wallMs: number;
  topic: string;
  /** The service that emitted it. */
  service: string;
}
