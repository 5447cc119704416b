/**
 * The chaos suite's hostile producer: every kind of bad message, to every input topic of the
 * role services, and a replay of one of the run's own events. Each kind is named, so the
 * dead letters it causes can be counted by kind.
 */
import type { Kafka, Message } from 'kafkajs';
import { RUN_HEADER, ROLE_SERVICES, ServiceInputs, Topics } from '@weft/contracts';

/** The kinds of bad message, and how their dead letters' reasons read. */
export const BAD_KINDS = {
  // In the order a reason is matched: the label first, the catch-all `type` last.
  'foreign-run': /from another run/,
  unlabelled: /no weft-run header/,
  'not-json': /not JSON/,
  oversized: /pad/,
  unbounded: /quantity/,
  'huge-id': /orderId/,
  'wrong-field': /consumerId/,
  'unknown-type': /type/,
} as const;
export type BadKind = keyof typeof BAD_KINDS;

/** The topics the role services read, and which services read each. */
export function roleInputs(): Map<string, string[]> {
  const readers = new Map<string, string[]>();
  for (const service of ROLE_SERVICES)
    for (const topic of ServiceInputs[service])
      readers.set(topic, [...(readers.get(topic) ?? []), service]);
  return readers;
}

const placed = (over: { orderId?: string; quantity?: number; consumerId?: unknown } = {}) => {
  const orderId = over.orderId ?? 'o999999999';
  return {
    v: 1,
    id: `${orderId}:placed`,
    type: 'OrderPlaced',
    atMs: 1_000,
    orderId,
    data: {
      consumerId: over.consumerId ?? 1,
      shopId: 1,
      category: 0,
      quantity: over.quantity ?? 1,
      unitPriceCents: 100,
      totalCents: 100,
      wantedByMs: 100_000_000,
    },
  };
};

/** One message of each kind, labelled with `epoch` where the kind is not about the label. */
export function badMessages(epoch: string): Record<BadKind, Message> {
  const ours = { [RUN_HEADER]: epoch };
  const json = (v: unknown, headers: Record<string, string> | null = ours): Message => ({
    key: 'chaos',
    value: JSON.stringify(v),
    headers: headers ?? undefined,
  });
  return {
    'not-json': { key: 'chaos', value: '{not json', headers: ours },
    'unknown-type': json({ ...placed(), type: 'OrderTeleported' }),
    'wrong-field': json(placed({ consumerId: 'me' })),
    // Under the broker's limit, over anything an event needs: an unknown 900 KB field.
    oversized: json({ ...placed(), pad: 'x'.repeat(900_000) }),
    unbounded: json(placed({ quantity: 1e15 })),
    'huge-id': json(placed({ orderId: `o${'9'.repeat(400_000)}` })),
    'foreign-run': json(placed(), { [RUN_HEADER]: 'another-run' }),
    unlabelled: json(placed(), null),
  };
}

/** Sends every kind to every role input topic; returns how many messages went out. */
export async function sendBadInput(kafka: Kafka, prefix: string, epoch: string): Promise<number> {
  const producer = kafka.producer();
  await producer.connect();
  let sent = 0;
  try {
    for (const topic of roleInputs().keys())
      for (const message of Object.values(badMessages(epoch))) {
        await producer.send({ topic: prefix + topic, acks: -1, messages: [message] });
        sent++;
      }
  } finally {
    await producer.disconnect();
  }
  return sent;
}

/** Sends again the first event on `topic` (headers and all): a replay, to be dropped by id. */
export async function replayFirst(kafka: Kafka, prefix: string, topic: string): Promise<string> {
  const consumer = kafka.consumer({ groupId: `${prefix}chaos-replay-${Date.now()}` });
  let first: Message | null = null;
  await consumer.connect();
  await consumer.subscribe({ topics: [prefix + topic], fromBeginning: true });
  await new Promise<void>((resolve) => {
    void consumer.run({
      eachMessage: async ({ message }) => {
        if (first) return;
        first = {
          key: message.key,
          value: message.value,
          headers: message.headers as Message['headers'],
        };
        resolve();
      },
    });
  });
  await consumer.disconnect();
  const producer = kafka.producer();
  await producer.connect();
  await producer.send({ topic: prefix + topic, acks: -1, messages: [first as unknown as Message] });
  await producer.disconnect();
  return String((first as unknown as Message).value).slice(0, 80);
}

export const DEAD_LETTER_TOPIC = Topics.DeadLetter;
