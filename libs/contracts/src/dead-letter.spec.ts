import { DeadLetterHeaders, deadLetterMessage, readDeadLetter } from './dead-letter';

describe('dead letters', () => {
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
    // As a Kafka client hands headers back: buffers.
    const wire = Object.fromEntries(Object.entries(m.headers).map(([k, v]) => [k, Buffer.from(v)]));
    expect(readDeadLetter(wire)).toEqual({
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
});
