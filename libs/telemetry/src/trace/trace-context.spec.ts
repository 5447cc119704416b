import { TraceFlags, createTraceState } from '@opentelemetry/api';
import {
  EventTraces,
  orderLogFields,
  orderTraceId,
  parentOf,
  readTraceContext,
  traceHeaders,
} from './trace-context';

const EPOCH = 'epoch-1';
const CAUSE = {
  traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
  spanId: '00f067aa0ba902b7',
  traceFlags: TraceFlags.SAMPLED,
};
const event = (orderId: string, id: string) => ({ orderId, id });

describe('trace context in Kafka headers', () => {
  it('writes a W3C traceparent (and tracestate) that reads back from the buffers kafkajs hands over', () => {
    const context = { ...CAUSE, traceState: createTraceState('weft=1,other=x') };
    const headers = traceHeaders(context);
    expect(headers).toEqual({
      traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
      tracestate: 'weft=1,other=x',
    });
    const back = readTraceContext({
      traceparent: Buffer.from(headers.traceparent ?? ''),
      tracestate: Buffer.from(headers.tracestate ?? ''),
      'weft-run': Buffer.from(EPOCH),
    });
    expect(back).toMatchObject({ ...CAUSE, isRemote: true });
    expect(back?.traceState?.serialize()).toBe('weft=1,other=x');
  });

  it('reads no context from a message without one, or with a malformed or all-zero traceparent', () => {
    expect(readTraceContext(undefined)).toBeUndefined();
    expect(readTraceContext({ 'weft-run': Buffer.from(EPOCH) })).toBeUndefined();
    expect(readTraceContext({ traceparent: 'not-a-traceparent' })).toBeUndefined();
    expect(
      readTraceContext({ traceparent: `00-${'0'.repeat(32)}-00f067aa0ba902b7-01` }),
    ).toBeUndefined();
  });
});

describe('EventTraces', () => {
  const traces = new EventTraces(EPOCH);

  it("makes an effect of the same order the cause's child: its trace id and flags, a new span id", () => {
    const cause = event('o7', 'o7:placed');
    const effect = traces.effect(event('o7', 'o7:escrow'), cause, CAUSE);
    expect(effect.traceId).toBe(CAUSE.traceId);
    expect(effect.traceFlags).toBe(CAUSE.traceFlags);
    expect(effect.spanId).toMatch(/^[0-9a-f]{16}$/);
    expect(effect.spanId).not.toBe(CAUSE.spanId);
    expect(parentOf(effect, CAUSE)).toBe(CAUSE);
  });

  it('gives sibling effects distinct span ids', () => {
    const cause = event('o7', 'o7:rfq1');
    const ids = new Set(
      Array.from(
        { length: 1000 },
        (_, i) => traces.effect(event('o7', `i${i}`), cause, CAUSE).spanId,
      ),
    );
    expect(ids.size).toBe(1000);
  });

  it("starts an order's trace at its first event, with the id derived from the run and the order", () => {
    const arrival = event('', 'arrival:7');
    const placed = traces.effect(event('o7', 'o7:placed'), arrival, CAUSE);
    expect(placed.traceId).toBe(orderTraceId(EPOCH, 'o7'));
    expect(placed.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(placed.traceFlags).toBe(TraceFlags.SAMPLED);
    expect(parentOf(placed, CAUSE)).toBeUndefined();
    // Another run, another trace; another order, another trace.
    expect(orderTraceId('epoch-2', 'o7')).not.toBe(placed.traceId);
    expect(orderTraceId(EPOCH, 'o8')).not.toBe(placed.traceId);
  });

  it("keeps an event whose cause came without a context in its order's trace", () => {
    const effect = traces.effect(event('o7', 'o7:escrow'), event('o7', 'o7:placed'), undefined);
    expect(effect.traceId).toBe(orderTraceId(EPOCH, 'o7'));
  });

  it('makes each event of no order a trace of its own, so the demand ticks do not chain into one', () => {
    const tick = event('', 'demand:3');
    const next = traces.effect(event('', 'demand:4'), tick, CAUSE);
    const arrival = traces.effect(event('', 'arrival:9'), tick, CAUSE);
    expect(next.traceId).toBe(orderTraceId(EPOCH, 'demand:4'));
    expect(arrival.traceId).toBe(orderTraceId(EPOCH, 'arrival:9'));
    expect(traces.effect(event('', 'demand:1')).traceId).toBe(orderTraceId(EPOCH, 'demand:1'));
  });

  it('puts the order id and trace id on log lines about an order', () => {
    expect(orderLogFields('o7', CAUSE)).toEqual({ orderId: 'o7', traceId: CAUSE.traceId });
    expect(orderLogFields('o7', undefined)).toEqual({ orderId: 'o7' });
  });
});
