/**
 * What a batch's reactions emit, as the role runner writes it: each event now (to the
 * outbox) or later (a timer), with the trace context it is produced with.
 */
import type { SpanContext } from '@opentelemetry/api';
import { SeededContext, type AnyEvent } from '@weft/domain';
import { parentOf, readTraceContext, type EventTraces, type MessageHeaders } from '@weft/telemetry';

/**
 * Collects what the role emits while it handles one event: now, or later (timers), each
 * with its trace context, made from the context its cause arrived with (read only when the
 * cause emits something), and that context, its parent.
 */
export class BatchContext extends SeededContext {
  readonly now: AnyEvent[] = [];
  readonly later: AnyEvent[] = [];
  readonly nowTrace: SpanContext[] = [];
  readonly laterTrace: SpanContext[] = [];
  readonly nowParent: (SpanContext | undefined)[] = [];
  readonly laterParent: (SpanContext | undefined)[] = [];
  private cause: AnyEvent | undefined;
  private causeContext: SpanContext | undefined;
  private causeRead = false;

  constructor(
    seed: number,
    private readonly traces: EventTraces,
    /** The headers each consumed event arrived with. */
    private readonly headers?: WeakMap<AnyEvent, MessageHeaders>,
  ) {
    super(seed);
  }

  override enter(event: AnyEvent): void {
    super.enter(event);
    this.cause = event;
    this.causeRead = false;
  }

  private contextOfCause(): SpanContext | undefined {
    if (!this.causeRead && this.cause) {
      this.causeContext = readTraceContext(this.headers?.get(this.cause));
      this.causeRead = true;
    }
    return this.cause ? this.causeContext : undefined;
  }

  protected deliver(event: AnyEvent): void {
    const causeContext = this.contextOfCause();
    const context = this.traces.effect(event, this.cause, causeContext);
    const parent = parentOf(context, causeContext);
    if (event.atMs > this.nowMs) {
      this.later.push(event);
      this.laterTrace.push(context);
      this.laterParent.push(parent);
    } else {
      this.now.push(event);
      this.nowTrace.push(context);
      this.nowParent.push(parent);
    }
  }
}
