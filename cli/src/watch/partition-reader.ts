/**
 * Reads chosen partitions from their first offset to an end taken beforehand, then stops:
 * a bounded read of what a run has written so far. A consumer group of one member, with
 * an assigner that hands it exactly those partitions, so nothing else is fetched; it
 * commits nothing.
 */
import { randomBytes } from 'node:crypto';
import { Partitioners, AssignerProtocol, type KafkaMessage, type PartitionAssigner } from 'kafkajs';
import { groupIdOf } from '@weft/service/env';
import type { WatchedRun } from './run-target';

/** A partition, and the offset to read up to (its end when the read was planned). */
export interface PartitionSpan {
  topic: string;
  partition: number;
  end: number;
}

const keyPartitioner = Partitioners.DefaultPartitioner();

/**
 * The partition a key's messages go to in a topic of `partitions` partitions: what the
 * services' producers (kafkajs's default partitioner, murmur2 as the Java client) choose.
 */
export function partitionOfKey(key: string, partitions: number): number {
  const partitionMetadata = Array.from({ length: partitions }, (_, partitionId) => ({
    partitionId,
    leader: 0,
    replicas: [0],
    isr: [0],
    partitionErrorCode: 0,
  }));
  return keyPartitioner({ topic: '', partitionMetadata, message: { key, value: null } });
}

function fixedAssigner(spans: readonly PartitionSpan[]): PartitionAssigner {
  const assignment: Record<string, number[]> = {};
  for (const s of spans) (assignment[s.topic] ??= []).push(s.partition);
  return () => ({
    name: 'WeftFixed',
    version: 1,
    async assign({ members }) {
      // The group is this reader's alone: its one member takes every partition asked for.
      return members.map((m, i) => ({
        memberId: m.memberId,
        memberAssignment: AssignerProtocol.MemberAssignment.encode({
          version: 1,
          assignment: i === 0 ? assignment : {},
          userData: Buffer.alloc(0),
        }),
      }));
    },
    protocol({ topics }) {
      return {
        name: 'WeftFixed',
        metadata: AssignerProtocol.MemberMetadata.encode({
          version: 1,
          topics,
          userData: Buffer.alloc(0),
        }),
      };
    },
  });
}

/** Gives up when a read makes no progress for this long (a broker gone, say). */
const STALL_MS = 30_000;

export async function readSpans(
  run: WatchedRun,
  spans: readonly PartitionSpan[],
  onMessage: (topic: string, message: KafkaMessage) => void,
): Promise<void> {
  if (spans.length === 0) return;
  const left = new Map(spans.map((s) => [`${s.topic}/${s.partition}`, s.end]));
  const consumer = run.kafka.consumer({
    groupId: groupIdOf(run.runId, `read-${randomBytes(4).toString('hex')}`),
    partitionAssigners: [fixedAssigner(spans)],
    maxWaitTimeInMs: 100,
    allowAutoTopicCreation: false,
  });
  let progressAt = Date.now();
  let finish: (err?: Error) => void = () => undefined;
  const done = new Promise<void>((resolveDone, rejectDone) => {
    finish = (err) => (err ? rejectDone(err) : resolveDone());
  });
  consumer.on(consumer.events.CRASH, (e) => {
    if (!e.payload.restart) finish(e.payload.error);
  });
  const stall = setInterval(() => {
    if (Date.now() - progressAt > STALL_MS)
      finish(
        new Error(`reading ${left.size} partition(s) made no progress for ${STALL_MS / 1000} s`),
      );
  }, 1_000);
  await consumer.connect();
  try {
    await consumer.subscribe({
      topics: [...new Set(spans.map((s) => s.topic))],
      fromBeginning: true,
    });
    await consumer.run({
      autoCommit: false,
      eachBatch: async ({ batch }) => {
        const id = `${batch.topic}/${batch.partition}`;
        const end = left.get(id);
        if (end === undefined) return;
        progressAt = Date.now();
        for (const m of batch.messages) if (Number(m.offset) < end) onMessage(batch.topic, m);
        if (Number(batch.lastOffset()) >= end - 1) {
          left.delete(id);
          if (left.size === 0) finish();
        }
      },
    });
    await done;
  } finally {
    clearInterval(stall);
    await consumer.disconnect();
  }
}
