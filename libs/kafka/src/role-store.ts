/**
 * How a service keeps one domain role's state in Redis. Before a batch the runner asks
 * the store to load what the batch's events touch into the role's memory; after it, the
 * store adds the writes to the same MULTI as the outbox and the dedupe markers, so state,
 * emitted events and "seen" are committed together or not at all.
 */
import type Redis from 'ioredis';
import type { ChainableCommander } from 'ioredis';
import type { Registry } from 'prom-client';
import type { AnyEvent, Reactor } from '@weft/domain';

/** What a store's gauges read when scraped. */
export interface RoleStateView {
  registry: Registry;
  redis: Redis;
  /** Simulated time every role has applied up to. */
  simNowMs(): number;
}

export interface RoleStore {
  readonly role: Reactor;
  /** Called once at start, before any batch (load long-lived views, say). */
  init?(redis: Redis): Promise<void>;
  /** Loads the state the events touch into the role's memory. */
  load(redis: Redis, events: readonly AnyEvent[]): Promise<void>;
  /** Adds the writes of what the events changed to the transaction. */
  persist(multi: ChainableCommander, events: readonly AnyEvent[]): void;
  /**
   * Registers gauges of the role's state (open orders, money in escrow), read from memory
   * or with a cheap read when scraped: never work per event.
   */
  watch?(view: RoleStateView): void;
}
