/** The run observer against a real broker: what a batch hands over, and what it survives. */
import { Kafka, logLevel, Partitioners, type Producer } from 'kafkajs';
import {
  RUN_HEADER,
  Topics,
  deadLetterMessage,
  eventJson,
  parseEnvelope,
  parseEvent,
  type DeadLetter,
  type ScalingRecord,
  type TopicName,
} from '@weft/contracts';
import type { AnyEvent } from '@weft/domain';
import { RunObserver, type ObservedEvent } from '@weft/kafka';
import { eventually, runId, testStack } from '../../../tests/support/test-env';
import { placed } from './order-placed';

/** An event whose envelope is sound and whose payload is not. */
const emptyPayload = (n: number) => eventJson({ ...placed(n), data: {} } as AnyEvent);

const scaled: ScalingRecord = {
  v: 1,
  kind: 'scaled',
  service: 'shops',
  hour: 3,
  demandUnits: 40,
  instances: 2,
  utilization: 0.5,
  costCents: 1200,
  consumerLag: 0,
  recommendedReplicas: 2,
  wallMs: 1_700_000_000_000,
};

/** Everything an observer handed over, batch after batch. */
interface Tally<E> {
  messages: number;
  events: ObservedEvent<E>[];
  duplicates: number;
  deadLetters: DeadLetter[];
  scaling: ScalingRecord[];
  unreadable: number;
  foreign: number;
}

const EPOCH = 'observer-test-epoch';

describe('RunObserver (real Kafka)', () => {
  const run = runId('observer');
  const prefix = `${run}.`;
  const topics: TopicName[] = [
    Topics.OrdersPlaced,
    Topics.DeadLetter,
    Topics.CapacityScaled,
    Topics.CapacityUsage,
  ];
  const kafka = new Kafka({
    clientId: 'weft-it-observer',
    brokers: testStack().brokers,
    logLevel: logLevel.NOTHING,
  });
  const observers: RunObserver<{ id: string }>[] = [];
  let producer: Producer;
  let groups = 0;

  /** An observer of the test's topics in a group of its own, and what it has handed over. */
  async function observe<E extends { id: string }>(parse: (bytes: Buffer | null) => E) {
    const observer = new RunObserver(kafka, {
      groupId: `${run}-g${groups++}`,
      topicPrefix: prefix,
      topics,
      parse,
      maxWaitTimeInMs: 100,
      epoch: EPOCH,
    });
    observers.push(observer);
    const tally: Tally<E> = {
      messages: 0,
      events: [],
      duplicates: 0,
      deadLetters: [],
      scaling: [],
      unreadable: 0,
      foreign: 0,
    };
    await observer.start((b) => {
      tally.messages += b.messages;
      tally.events.push(...b.events);
      tally.duplicates += b.duplicates;
      tally.deadLetters.push(...b.deadLetters);
      tally.scaling.push(...b.scaling);
      tally.unreadable += b.unreadable;
      tally.foreign += b.foreign;
    });
    return { observer, tally };
  }

  const send = (
    topic: TopicName,
    messages: { value: string | Buffer; timestamp?: string; headers?: Record<string, string> }[],
  ) =>
    producer.send({
      topic: prefix + topic,
      messages: messages.map((m) => ({ headers: { [RUN_HEADER]: EPOCH }, ...m })),
    });

  beforeAll(async () => {
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({
      topics: topics.map((t) => ({ topic: prefix + t, numPartitions: 1 })),
      waitForLeaders: true,
    });
    await admin.disconnect();
    producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    await send(Topics.OrdersPlaced, [
      { value: eventJson(placed(1)), timestamp: '1700000000001' },
      { value: eventJson(placed(1)), timestamp: '1700000000002' }, // delivered twice
      { value: 'not json' },
      { value: emptyPayload(2) },
      { value: eventJson(placed(3)), timestamp: '1700000000003' },
      // Another run's: the services refused it, so it is no fact of this run.
      { value: eventJson(placed(4)), headers: { [RUN_HEADER]: 'another-run' } },
    ]);
    const refused: DeadLetter = {
      reason: 'OrderPlaced.data.quantity: expected a positive integer',
      sourceTopic: prefix + Topics.OrdersPlaced,
      service: 'payments',
    };
    await producer.send({
      topic: prefix + Topics.DeadLetter,
      messages: [deadLetterMessage('{"bad":true}', refused)],
    });
    await send(Topics.CapacityScaled, [{ value: JSON.stringify(scaled) }]);
    await send(Topics.CapacityUsage, [{ value: '{"kind":"usage"}' }]);
  });

  afterAll(async () => {
    await Promise.all(observers.map((o) => o.stop()));
    await producer.disconnect();
    const admin = kafka.admin();
    await admin.connect();
    await admin.deleteTopics({ topics: topics.map((t) => prefix + t) }).catch(() => undefined);
    await admin.disconnect();
  });

  const SENT = 9;
  const readAll = <E>(tally: Tally<E>) =>
    eventually(`${SENT} messages observed`, () => (tally.messages >= SENT ? true : undefined));

  it('counts a redelivered event once, hands over a dead letter with its reason, and reads on past malformed messages', async () => {
    const { tally } = await observe(parseEvent);
    await readAll(tally);

    expect(tally.events.map((o) => [o.event.id, o.producedWallMs])).toEqual([
      ['o1:placed', 1_700_000_000_001], // the first copy's produced time
      ['o3:placed', 1_700_000_000_003],
    ]);
    expect(tally.events[0]?.event).toEqual(placed(1));
    expect(tally.duplicates).toBe(1);
    expect(tally.unreadable).toBe(2); // not JSON, and a payload that is not an order
    expect(tally.foreign).toBe(1);
    expect(tally.deadLetters).toEqual([
      expect.objectContaining({
        reason: 'OrderPlaced.data.quantity: expected a positive integer',
        sourceTopic: prefix + Topics.OrdersPlaced,
        service: 'payments',
      }),
    ]);
    expect(tally.scaling).toEqual([scaled]);
  });

  it('reads an event with a bad payload when asked for the envelope only', async () => {
    const { tally } = await observe(parseEnvelope);
    await readAll(tally);

    expect(tally.events.map((o) => o.event)).toEqual([
      { id: 'o1:placed', type: 'OrderPlaced', atMs: 1, orderId: 'o1' },
      { id: 'o2:placed', type: 'OrderPlaced', atMs: 2, orderId: 'o2' },
      { id: 'o3:placed', type: 'OrderPlaced', atMs: 3, orderId: 'o3' },
    ]);
    expect(tally.duplicates).toBe(1);
    expect(tally.unreadable).toBe(1); // only the message that is not JSON
  });

  it('counts a later copy of a forgotten event as distinct, and of a remembered one as a duplicate', async () => {
    const { observer, tally } = await observe(parseEvent);
    await readAll(tally);

    observer.forget('o1:placed');
    await send(Topics.OrdersPlaced, [
      { value: eventJson(placed(1)) },
      { value: eventJson(placed(3)) },
    ]);
    await eventually('the two copies observed', () =>
      tally.messages >= SENT + 2 ? true : undefined,
    );
    expect(tally.events.map((o) => o.event.id)).toEqual(['o1:placed', 'o3:placed', 'o1:placed']);
    expect(tally.duplicates).toBe(2);
  });
});
