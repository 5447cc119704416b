import { SpanKind, TraceFlags } from '@opentelemetry/api';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { SpanAttributes, spanRecorder } from './span-export';

const parent = {
  traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
  spanId: '00f067aa0ba902b7',
  traceFlags: TraceFlags.SAMPLED,
  isRemote: true,
};

describe('span export', () => {
  it('records each event as a producer span with the ids its headers carry, under its cause', async () => {
    const exporter = new InMemorySpanExporter();
    const recorder = await spanRecorder(
      exporter,
      { service: 'shops', instanceId: 'shops-1' },
      'simple',
    );
    recorder.record({
      name: 'OrderAccepted',
      context: { ...parent, spanId: 'a1a2a3a4a5a6a7a8', isRemote: false },
      parent,
      startWallMs: 1_700_000_000_000,
      endWallMs: 1_700_000_000_005,
      attributes: { [SpanAttributes.orderId]: 'o7' },
    });
    recorder.record({
      name: 'OrderPlaced',
      context: { traceId: 'b'.repeat(32), spanId: 'c'.repeat(16), traceFlags: TraceFlags.SAMPLED },
      parent: undefined,
      startWallMs: 1_700_000_000_000,
      endWallMs: 1_700_000_000_001,
      attributes: {},
    });
    const [child, root] = exporter.getFinishedSpans();
    expect(child?.spanContext()).toMatchObject({
      traceId: parent.traceId,
      spanId: 'a1a2a3a4a5a6a7a8',
    });
    expect(child?.parentSpanContext?.spanId).toBe(parent.spanId);
    expect(child?.kind).toBe(SpanKind.PRODUCER);
    expect(child?.name).toBe('OrderAccepted');
    expect(child?.attributes[SpanAttributes.orderId]).toBe('o7');
    expect(child?.resource.attributes['service.name']).toBe('shops');
    expect(child?.duration).toEqual([0, 5_000_000]);
    // An order's first event is a root span, with the trace id chosen for it.
    expect(root?.spanContext()).toMatchObject({ traceId: 'b'.repeat(32), spanId: 'c'.repeat(16) });
    expect(root?.parentSpanContext).toBeUndefined();
    await recorder.shutdown();
  });
});
