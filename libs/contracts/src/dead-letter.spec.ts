import { DeadLetterHeaders, deadLetterMessage, readDeadLetter } from './dead-letter';
import { EventParseError, parseEvent } from './events.schema';

/** Kafka's default max.message.bytes: what the broker takes in one record batch. */
const BROKER_LIMIT = 1_048_588;

/** A dead letter's size on the wire, before the record's own few dozen bytes of overhead. */
const sizeOf = (m: ReturnType<typeof deadLetterMessage>) =>
  Buffer.byteLength(m.key) +
  (m.value === null ? 0 : Buffer.byteLength(m.value)) +
  Object.entries(m.headers).reduce(
    (n, [k, v]) => n + Buffer.byteLength(k) + Buffer.byteLength(v),
    0,
  );

/** As a Kafka client hands headers back: buffers. */
const onTheWire = (headers: Record<string, string>) =>
  Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, Buffer.from(v)]));

const where = {
  sourceTopic: 'r1.orders.placed',
  sourcePartition: 0,
  sourceOffset: '7',
  service: 'payments',
};

describe('dead letters', () => {
  it("keep the original's trace headers, so a dead letter stays in its order's trace", () => {
    const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    const d = { ...where, reason: 'from another run' };
    const m = deadLetterMessage(Buffer.from('{}'), d, {
      traceparent: Buffer.from(traceparent),
      tracestate: Buffer.from('weft=1'),
      'weft-run': Buffer.from('another-run'),
    });
    expect(m.headers.traceparent).toBe(traceparent);
    expect(m.headers.tracestate).toBe('weft=1');
    expect(m.headers['weft-run']).toBeUndefined();
    expect(deadLetterMessage(Buffer.from('{}'), d).headers.traceparent).toBeUndefined();
  });

  it('class a parse failure as unreadable (no event at all) or invalid (a broken field)', () => {
    const kindOf = (bytes: string) => {
      try {
        parseEvent(Buffer.from(bytes));
      } catch (err) {
        return (err as EventParseError).kind;
      }
      return 'parsed';
    };
    expect(kindOf('{not json')).toBe('unreadable');
    expect(kindOf('{"v":1,"id":"o1:placed","type":"Nope","atMs":0,"orderId":"o1","data":{}}')).toBe(
      'invalid',
    );
  });

  it('keep the original bytes, keyed by their topic, and say why and where in headers a reader gets back', () => {
    const bytes = Buffer.from('{not json');
    const m = deadLetterMessage(bytes, {
      reason: 'not JSON',
      sourceTopic: 'r1.orders.placed',
      sourcePartition: 3,
      sourceOffset: '41',
      service: 'payments',
    });
    expect(m.value).toBe(bytes);
    expect(m.key).toBe('r1.orders.placed');
    expect(m.headers[DeadLetterHeaders.reason]).toBe('not JSON');
    expect(readDeadLetter(onTheWire(m.headers))).toEqual({
      reason: 'not JSON',
      sourceTopic: 'r1.orders.placed',
      sourcePartition: 3,
      sourceOffset: '41',
      service: 'payments',
    });
  });

  it('leaves out where in the topic when that is not known', () => {
    const m = deadLetterMessage('x', { reason: 'r', sourceTopic: 't', service: 'capacity' });
    expect(Object.keys(m.headers).sort()).toEqual(
      [DeadLetterHeaders.reason, DeadLetterHeaders.service, DeadLetterHeaders.sourceTopic].sort(),
    );
    expect(readDeadLetter(m.headers).sourcePartition).toBeUndefined();
  });

  it('keep a prefix of a 2 MB message, under the broker limit, with its size in a header', () => {
    const bytes = Buffer.alloc(2 * 1024 * 1024, 'x');
    const m = deadLetterMessage(bytes, { ...where, reason: 'not JSON' });
    expect(sizeOf(m)).toBeLessThan(BROKER_LIMIT - 16 * 1024);
    expect(bytes.subarray(0, (m.value as Buffer).length).equals(m.value as Buffer)).toBe(true);
    const read = readDeadLetter(onTheWire(m.headers));
    expect(read.originalBytes).toBe(2 * 1024 * 1024);
    expect(m.headers[DeadLetterHeaders.truncated]).toBe('true');
    expect(read.reason).toBe('not JSON');
  });

  it('fit a message with a 700 KB unknown key, its reason short and its size right', () => {
    const key = 'k'.repeat(700_000);
    const text = JSON.stringify({ v: 1, id: 'o1:placed', type: 'OrderPlaced', [key]: 1 });
    let reason = '';
    try {
      parseEvent(Buffer.from(text));
    } catch (err) {
      if (!(err instanceof EventParseError)) throw err;
      reason = err.reason;
    }
    const m = deadLetterMessage(text, { ...where, reason });
    expect(sizeOf(m)).toBeLessThan(BROKER_LIMIT - 16 * 1024);
    expect(m.headers[DeadLetterHeaders.reason]?.length).toBeLessThanOrEqual(1024);
    // Under the limit, the original is kept whole and no size header is written.
    expect(m.value).toBe(text);
    expect(readDeadLetter(onTheWire(m.headers)).originalBytes).toBeUndefined();
  });

  it('cap a reason, however long, in its header', () => {
    const m = deadLetterMessage('x', { ...where, reason: 'r'.repeat(700_000) });
    expect(m.headers[DeadLetterHeaders.reason]?.length).toBeLessThanOrEqual(1024);
  });
});
