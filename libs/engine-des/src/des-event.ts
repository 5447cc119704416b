/**
 * An event as the in-process engine holds it: its id (`${orderId}:${suffix}`) is built
 * only when something reads it. Few readers do here (a generator seeded by it, a piece of
 * catalogue news), while every event waiting in the queue would otherwise carry a string.
 */
import { Rng, eventId, type AnyEvent, type EventPayloads, type EventType } from '@weft/domain';

class DesEvent<T extends EventType> {
  constructor(
    readonly type: T,
    readonly atMs: number,
    readonly orderId: string,
    readonly suffix: string,
    readonly data: EventPayloads[T],
  ) {}

  get id(): string {
    return eventId(this.orderId, this.suffix);
  }

  /** The event as written anywhere else: the plain object, id first. */
  toJSON(): AnyEvent {
    const { id, type, atMs, orderId, data } = this;
    return { id, type, atMs, orderId, data } as AnyEvent;
  }
}

/** The generator of an event built by `desEvent`, seeded by its id without building it. */
export function desEventRng(seed: number, event: AnyEvent): Rng {
  const e = event as unknown as DesEvent<EventType>;
  return e.suffix === undefined ? new Rng(seed, event.id) : new Rng(seed, e.orderId, e.suffix);
}

export function desEvent<T extends EventType>(
  type: T,
  orderId: string,
  suffix: string,
  atMs: number,
  data: EventPayloads[T],
): AnyEvent {
  return new DesEvent(type, atMs, orderId, suffix, data) as unknown as AnyEvent;
}
