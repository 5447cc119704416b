/**
 * A role is a reactor: given an event and a context, it updates its own state and emits
 * events — now, or later (a timer). Engines differ only in how they deliver events, keep
 * state and fire timers; neither decides anything itself.
 */
import type { AnyEvent, EventPayloads, EventType } from '../events';
import type { Rng } from '../rng';

export interface ReactContext {
  /** The simulated time of the event being handled. */
  readonly nowMs: number;
  /** The generator for this event, seeded by (scenario seed, event id). */
  rng(): Rng;
  /** A generator seeded by (scenario seed, key), for draws that belong to no event. */
  rngFor(key: string): Rng;
  /** Emits an event with id `${orderId}:${suffix}` (or `suffix` alone without an order) at `atMs` (≥ now; later is a timer). */
  emit<T extends EventType>(
    type: T,
    orderId: string,
    suffix: string,
    atMs: number,
    data: EventPayloads[T],
  ): void;
}

export interface Reactor {
  readonly name: string;
  readonly handles: readonly EventType[];
  react(event: AnyEvent, ctx: ReactContext): void;
}
