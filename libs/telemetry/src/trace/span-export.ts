/**
 * Export of events' spans over OTLP/HTTP, on only when an endpoint is configured. The
 * OpenTelemetry SDK is loaded then and only then, so a service without an endpoint (and
 * the in-process engine) pays nothing for it.
 *
 * An event's span ids are chosen when the event is emitted (they travel in its headers and
 * outlive the process in the outbox); the SDK only records them. It is handed them through
 * its IdGenerator, the extension point for ids a tracer does not draw itself.
 */
import {
  ROOT_CONTEXT,
  SpanKind,
  trace,
  type Attributes,
  type SpanContext,
  type Tracer,
} from '@opentelemetry/api';
import type { IdGenerator, SpanExporter } from '@opentelemetry/sdk-trace-base';

/** One event's span: from the start of the batch that emitted it to the batch's commit. */
export interface EventSpan {
  /** The event type: low cardinality, as span names should be. */
  name: string;
  context: SpanContext;
  /** The cause's span; none: the event starts its trace. */
  parent: SpanContext | undefined;
  startWallMs: number;
  endWallMs: number;
  attributes: Attributes;
}

export interface SpanRecorder {
  record(span: EventSpan): void;
  /** Sends what is buffered and stops. */
  shutdown(): Promise<void>;
}

/** Where spans go and who sends them. */
export interface SpanExportOptions {
  service: string;
  instanceId: string;
  /** The OTLP/HTTP traces endpoint (…/v1/traces). */
  url: string;
}

/** The ids of the next span, set just before the tracer asks for them. */
class PresetIds implements IdGenerator {
  traceId = '';
  spanId = '';
  generateTraceId(): string {
    return this.traceId;
  }
  generateSpanId(): string {
    return this.spanId;
  }
}

/** Starts exporting spans to the OTLP endpoint `options.url`. */
export async function startSpanExport(options: SpanExportOptions): Promise<SpanRecorder> {
  const { OTLPTraceExporter } = await import('@opentelemetry/exporter-trace-otlp-http');
  // The exporter reads the rest of its settings (headers, timeout, compression) from the
  // standard OTEL_EXPORTER_OTLP_* variables itself.
  return spanRecorder(new OTLPTraceExporter({ url: options.url }), options, 'batch');
}

/** A recorder over `exporter`; `batch` buffers spans and sends them in the background. */
export async function spanRecorder(
  exporter: SpanExporter,
  who: Omit<SpanExportOptions, 'url'>,
  processing: 'batch' | 'simple',
): Promise<SpanRecorder> {
  const [
    { NodeTracerProvider, BatchSpanProcessor, SimpleSpanProcessor },
    { resourceFromAttributes },
  ] = await Promise.all([
    import('@opentelemetry/sdk-trace-node'),
    import('@opentelemetry/resources'),
  ]);
  const ids = new PresetIds();
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({
      'service.name': who.service,
      'service.namespace': 'weft',
      'service.instance.id': who.instanceId,
    }),
    idGenerator: ids,
    spanProcessors: [
      processing === 'batch' ? new BatchSpanProcessor(exporter) : new SimpleSpanProcessor(exporter),
    ],
  });
  const tracer: Tracer = provider.getTracer('weft');
  return {
    record(span) {
      ids.traceId = span.context.traceId;
      ids.spanId = span.context.spanId;
      const parent = span.parent ? trace.setSpanContext(ROOT_CONTEXT, span.parent) : ROOT_CONTEXT;
      tracer
        .startSpan(
          span.name,
          {
            kind: SpanKind.PRODUCER,
            startTime: span.startWallMs,
            attributes: span.attributes,
            root: !span.parent,
          },
          parent,
        )
        .end(span.endWallMs);
    },
    shutdown: () => provider.shutdown(),
  };
}

/** Span attribute names (OpenTelemetry's messaging conventions, and weft's own). */
export const SpanAttributes = {
  messagingSystem: 'messaging.system',
  destination: 'messaging.destination.name',
  operation: 'messaging.operation.type',
  messageId: 'messaging.message.id',
  orderId: 'weft.order_id',
  simMs: 'weft.sim_ms',
} as const;
