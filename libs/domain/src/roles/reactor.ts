/**
 * A role is a reactor: given an event and a context, it updates its own state and emits
 * events — now, or later (a timer). Engines differ only in how they deliver events, keep
 * state and fire timers; neither decides anything itself.
 */
import { eventId, type AnyEvent, type EventPayloads, type EventType } from '../events';
import { Rng } from '../rng';

export interface ReactContext {
  /** The simulated time of the event being handled. */
  readonly nowMs: number;
  /** The generator for this event, seeded by (scenario seed, event id). */
  rng(): Rng;
  /**
   * A generator seeded by (scenario seed, key), for draws that belong to no event; with
   * `suffix`, by the key `${key}:${suffix}` (see Rng).
   */
  rngFor(key: string, suffix?: string): Rng;
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

/**
 * What both engines' contexts share: the event being handled, its lazily seeded
 * generator, and building an emitted event from its cause. An engine says only where an
 * emitted event goes.
 */
export abstract class SeededContext implements ReactContext {
  nowMs = 0;
  private event: AnyEvent | null = null;
  private eventRng: Rng | null = null;

  constructor(protected readonly seed: number) {}

  /** Makes `event` the one being handled: its time is now, its generator fresh. */
  enter(event: AnyEvent): void {
    this.event = event;
    this.eventRng = null;
    this.nowMs = event.atMs;
  }

  rng(): Rng {
    if (!this.eventRng)
      this.eventRng = this.event ? this.rngOf(this.event) : new Rng(this.seed, 'start');
    return this.eventRng;
  }

  rngFor(key: string, suffix?: string): Rng {
    return new Rng(this.seed, key, suffix);
  }

  /** The generator of an event, seeded by its id (an engine may know it in parts). */
  protected rngOf(event: AnyEvent): Rng {
    return new Rng(this.seed, event.id);
  }

  emit<T extends EventType>(
    type: T,
    orderId: string,
    suffix: string,
    atMs: number,
    data: EventPayloads[T],
  ): void {
    this.deliver({ id: eventId(orderId, suffix), type, atMs, orderId, data } as AnyEvent);
  }

  protected abstract deliver(event: AnyEvent): void;
}
