/**
 * One order's events, read from the few partitions they can be on. Events travel keyed by
 * the order, its shop or its workshop (see EventRoutes), and the order's own events name
 * its shop and workshops: the read starts with the partition of the order's key in each
 * topic, learns the other keys from what it finds, reads their partitions next, and stops
 * when no new key turns up. Each partition is read once, up to its end when the trace began.
 */
import type { Admin } from 'kafkajs';
import { EventRoutes, shopKey, workshopKey, type TopicName } from '@weft/contracts';
import type { EventType } from '@weft/domain';
import { partitionOfKey, readSpans, type PartitionSpan } from './partition-reader';
import type { WatchedRun } from './run-target';
import { readWireEvent, type WireEvent } from './wire-event';

/** Demand's own timers: they belong to no order. */
const ORDERLESS: readonly EventType[] = ['ArrivalDue', 'DemandTick'];

/** The topics an order's events travel on. */
export const ORDER_TOPICS: readonly TopicName[] = [
  ...new Set(
    (Object.keys(EventRoutes) as EventType[])
      .filter((t) => !ORDERLESS.includes(t))
      .map((t) => EventRoutes[t].topic),
  ),
];

export interface TracedEvent {
  topic: TopicName;
  event: WireEvent;
  /** When the producer made the message (its Kafka timestamp). */
  wallMs: number;
}

export interface OrderTrace {
  events: TracedEvent[];
  /** Partitions read, and messages in them: what the trace cost. */
  partitionsRead: number;
  messagesRead: number;
}

/** The keys other events of the same order may travel under, as this one names them. */
export function keysNamedBy(event: WireEvent): string[] {
  const { shopId, workshopId, invited } = event.data;
  const keys = [event.orderId];
  if (typeof shopId === 'number') keys.push(shopKey(shopId));
  if (typeof workshopId === 'number') keys.push(workshopKey(workshopId));
  if (Array.isArray(invited))
    for (const w of invited) if (typeof w === 'number') keys.push(workshopKey(w));
  return keys;
}

/** Simulated time first; at one simulated instant, the order they were produced in. */
export function inJourneyOrder(a: TracedEvent, b: TracedEvent): number {
  return a.event.atMs - b.event.atMs || a.wallMs - b.wallMs;
}

interface TopicEnds {
  topic: TopicName;
  /** Per partition: [first offset, end offset]. */
  partitions: [number, number][];
}

async function topicEnds(admin: Admin, run: WatchedRun): Promise<TopicEnds[]> {
  return Promise.all(
    ORDER_TOPICS.map(async (topic) => {
      const offsets = await admin.fetchTopicOffsets(run.topicPrefix + topic);
      const partitions: [number, number][] = [];
      for (const o of offsets) partitions[o.partition] = [Number(o.low), Number(o.high)];
      return { topic, partitions };
    }),
  );
}

export async function traceOrder(
  run: WatchedRun,
  admin: Admin,
  orderId: string,
): Promise<OrderTrace> {
  const ends = await topicEnds(admin, run);
  const byKafkaTopic = new Map(ORDER_TOPICS.map((t) => [run.topicPrefix + t, t]));
  const keys = new Set([orderId]);
  const planned = new Set<string>();
  const found = new Map<string, TracedEvent>();
  let messagesRead = 0;
  let partitionsRead = 0;
  for (;;) {
    const spans: PartitionSpan[] = [];
    for (const { topic, partitions } of ends) {
      for (const key of keys) {
        const partition = partitionOfKey(key, partitions.length);
        const id = `${topic}/${partition}`;
        const [first, end] = partitions[partition] ?? [0, 0];
        if (planned.has(id)) continue;
        planned.add(id);
        if (end > first) spans.push({ topic: run.topicPrefix + topic, partition, end });
      }
    }
    if (spans.length === 0) break;
    partitionsRead += spans.length;
    await readSpans(run, spans, (kafkaTopic, message) => {
      messagesRead++;
      const event = readWireEvent(message.value);
      const topic = byKafkaTopic.get(kafkaTopic);
      // An event delivered twice (at-least-once) is one event: kept once, by its id.
      if (!event || event.orderId !== orderId || !topic || found.has(event.id)) return;
      found.set(event.id, { topic, event, wallMs: Number(message.timestamp) });
      for (const key of keysNamedBy(event)) keys.add(key);
    });
  }
  return {
    events: [...found.values()].sort(inJourneyOrder),
    partitionsRead,
    messagesRead,
  };
}
