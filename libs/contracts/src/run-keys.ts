/**
 * The Redis key catalogue: the only place a key name is written. Every key of a run lives
 * under the run's prefix (`keyPrefixOf`), which the Redis client adds itself, so the
 * names here are relative to it.
 */

/** The prefix of every key of a run: `weft:<run>:`, or `weft:` for a deployment's one run. */
export function keyPrefixOf(runId: string | undefined): string {
  return runId ? `weft:${runId}:` : 'weft:';
}

export const RunKeys = {
  /** The run's config: scenario and clock settings (JSON), published once by the driver. */
  config: 'run:config',
  /**
   * The run's epoch: a random token the driver writes with the config. Every transaction
   * checks it, so a Redis that lost the run (a restart without persistence, a flush) is
   * noticed at the next write instead of being read as an empty, finished run.
   */
  epoch: 'run:epoch',
  /** Which consumer-group member owns partition p of a service's inputs (its fence token). */
  fence: (service: string, partition: number) => `fence:${service}:${partition}`,
  /** Set once a role has written the run's opening events. */
  started: (service: string) => `started:${service}`,
  /** An event a service has applied (its dedupe marker). */
  seen: (service: string, eventId: string) => `seen:${service}:${eventId}`,
  /** Transport: each instance's outbox, a service's timers, outbox registry and leases. */
  outbox: (service: string, instanceId: string) => `outbox:${service}:${instanceId}`,
  timers: (service: string) => `timers:${service}`,
  outboxes: (service: string) => `outboxes:${service}`,
  lease: (service: string, instanceId: string) => `lease:${service}:${instanceId}`,
  /** The clock: reactions owed per window, the windows that owe, the last published state. */
  clockOwed: 'clock:owed',
  clockWindows: 'clock:windows',
  clockState: 'clock:state',
  /** Hash: service → events it applied that the clock had already passed (must stay empty). */
  clockViolations: 'clock:violations',
  /** The KPI fold's counters, added to by every batch where its events are emitted. */
  kpi: 'kpi:counters',
  /** Role state. */
  consumerListings: 'consumers:listings',
  consumerRatings: 'consumers:ratings',
  /** News for the consumers' catalogue not yet shown (a sorted set by when it shows). */
  consumerCatalogue: 'consumers:catalogue',
  consumerStats: 'consumers:stats',
  shopOrder: (orderId: string) => `shops:order:${orderId}`,
  shopCosts: 'shops:costs',
  /** Hash: open orders by state (`tendering`, `producing`), moved by each batch's deltas. */
  shopStats: 'shops:stats',
  workshops: 'bidding:workshops',
  escrow: (orderId: string) => `payments:escrow:${orderId}`,
  ledger: 'payments:ledger',
  paymentStats: 'payments:stats',
  /** Hash: wholesaler id → its warehouse (stock, orders, forecast, requests waiting; JSON). */
  warehouses: 'wholesalers:warehouses',
  wholesaleStats: 'wholesalers:stats',
} as const;
