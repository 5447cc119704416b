/**
 * Trace context of events (W3C Trace Context in Kafka headers), so that one order is one
 * trace across the services. Each event is a span: an event emitted while another is
 * handled is its child (the cause's trace id and flags, a new span id, the cause's span as
 * parent). A timer's event is no exception: its context is made when the timer is set and
 * kept with it (the outbox line), so a delivery that fires hours later in simulated time
 * still lands in its order's trace, under the event that set it.
 *
 * An order's first event starts its trace, with a trace id derived from the run's epoch
 * and the order id. Derived rather than random: the same order gets the same trace id
 * whoever starts it (an event redelivered without its header, a batch applied again after
 * a crash), so an order can never split into two traces, and `orderTraceId` finds an
 * order's trace from its id alone. Events of no order (the demand generator's ticks and
 * arrivals) are a trace each, derived from their own id: chained, they would make the
 * whole run one endless trace.
 */
import { createHash, randomFillSync } from 'node:crypto';
import {
  ROOT_CONTEXT,
  TraceFlags,
  trace,
  type SpanContext,
  type TextMapGetter,
  type TextMapSetter,
} from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';

/** Message headers as kafkajs hands them over (and takes them). */
export type MessageHeaders =
  Record<string, Buffer | string | (Buffer | string)[] | undefined> | undefined;

const propagator = new W3CTraceContextPropagator();

const getter: TextMapGetter<MessageHeaders> = {
  keys: (headers) => Object.keys(headers ?? {}),
  get: (headers, key) => {
    const v = headers?.[key];
    if (v === undefined) return undefined;
    return Array.isArray(v) ? v.map(String) : v.toString();
  },
};

const setter: TextMapSetter<Record<string, string>> = {
  set: (carrier, key, value) => {
    carrier[key] = value;
  },
};

/** The trace context a message's headers carry (undefined: none, or not a valid one). */
export function readTraceContext(headers: MessageHeaders): SpanContext | undefined {
  const context = trace.getSpanContext(propagator.extract(ROOT_CONTEXT, headers, getter));
  return context && trace.isSpanContextValid(context) ? context : undefined;
}

/** The headers (`traceparent`, and `tracestate` when there is one) that carry `context`. */
export function traceHeaders(context: SpanContext): Record<string, string> {
  const headers: Record<string, string> = {};
  propagator.inject(trace.setSpanContext(ROOT_CONTEXT, context), headers, setter);
  return headers;
}

/** The trace id of an order (or of an event of no order) in a run: see the module's comment. */
export function orderTraceId(runEpoch: string, orderId: string): string {
  return createHash('sha256')
    .update(runEpoch)
    .update('\n')
    .update(orderId)
    .digest()
    .toString('hex', 0, 16);
}

/** Random span ids, drawn from the system's generator 512 at a time rather than one call each. */
class SpanIds {
  private readonly pool = Buffer.alloc(8 * 512);
  private at = this.pool.length;

  next(): string {
    if (this.at === this.pool.length) {
      randomFillSync(this.pool);
      this.at = 0;
    }
    const id = this.pool.toString('hex', this.at, (this.at += 8));
    // All zeros is the one invalid span id (a chance of 2^-64, but a cheap check).
    return id === '0000000000000000' ? this.next() : id;
  }
}

/** What an event's trace is made from: its order and id. */
interface Traced {
  readonly orderId: string;
  readonly id: string;
}

/** Makes the trace context of each emitted event (see the module's comment). */
export class EventTraces {
  private readonly spanIds = new SpanIds();

  constructor(private readonly runEpoch: string) {}

  /**
   * The context of `event`, emitted while `cause` was handled (none: at the run's start);
   * `causeContext` is the one the cause arrived with, if it carried a valid one.
   */
  effect(event: Traced, cause?: Traced, causeContext?: SpanContext): SpanContext {
    const spanId = this.spanIds.next();
    if (event.orderId !== '' && cause?.orderId === event.orderId && causeContext)
      return {
        traceId: causeContext.traceId,
        spanId,
        traceFlags: causeContext.traceFlags,
        traceState: causeContext.traceState,
      };
    const key = event.orderId === '' ? event.id : event.orderId;
    return {
      traceId: orderTraceId(this.runEpoch, key),
      spanId,
      traceFlags: TraceFlags.SAMPLED,
    };
  }
}

/** The cause's context if `context` is its child (same trace), else none: `context` is a root. */
export function parentOf(
  context: SpanContext,
  causeContext: SpanContext | undefined,
): SpanContext | undefined {
  return causeContext && causeContext.traceId === context.traceId ? causeContext : undefined;
}

/** The fields a log line about an order carries, so it can be found with its trace. */
export function orderLogFields(
  orderId: string,
  context: SpanContext | undefined,
): { orderId: string; traceId?: string } {
  return context ? { orderId, traceId: context.traceId } : { orderId };
}
