/**
 * The payments ledger replayed from the broker: the topics payments reads, from their
 * beginning to the end offsets they had when the read began, through a `LedgerReplay`. A
 * consumer group of its own (deleted afterwards) that commits nothing; each batch is folded
 * and dropped, so memory follows the orders in escrow, not the events.
 */
import type { Kafka } from 'kafkajs';
import { EventParseError, ServiceInputs, parseEvent, runHeaderOf } from '@weft/contracts';
import type { Scenario } from '@weft/domain';
import { LedgerReplay, type ReplayedLedger } from './ledger-replay';

export interface BrokerLedgerRead {
  kafka: Kafka;
  scenario: Scenario;
  /** The run's topic prefix (`<run>.`, or '' for a deployment's unprefixed topics). */
  topicPrefix: string;
  /** A group no one else uses: it starts from the beginning and is deleted afterwards. */
  groupId: string;
  /** The run's epoch: events without it in their run header were refused, not applied. */
  epoch: string;
  /** Wall ms without a batch before the read is given up (a partition that cannot be read). */
  idleTimeoutMs?: number;
}

/** Each partition to read (`topic/partition`) and the offset it ends at. */
type Ends = Map<string, number>;

export async function replayLedgerFromBroker(r: BrokerLedgerRead): Promise<ReplayedLedger> {
  const topics = ServiceInputs.payments.map((t) => r.topicPrefix + t);
  const replay = new LedgerReplay(r.scenario);
  const admin = r.kafka.admin();
  await admin.connect();
  try {
    const ends: Ends = new Map();
    for (const topic of topics)
      for (const p of await admin.fetchTopicOffsets(topic)) {
        // A replay from part of the events would not be the ledger: say so rather than guess.
        if (Number(p.low) > 0)
          throw new Error(
            `${topic} partition ${p.partition} starts at offset ${p.low}: its first events are gone (retention), so the ledger cannot be replayed`,
          );
        if (Number(p.high) > 0) ends.set(`${topic}/${p.partition}`, Number(p.high));
      }
    if (ends.size > 0) await readToEnds(r, topics, ends, replay);
    return replay.finish();
  } finally {
    await admin.deleteGroups([r.groupId]).catch(() => undefined);
    await admin.disconnect();
  }
}

async function readToEnds(
  r: BrokerLedgerRead,
  topics: string[],
  ends: Ends,
  replay: LedgerReplay,
): Promise<void> {
  const idleMs = r.idleTimeoutMs ?? 60_000;
  const left = new Set(ends.keys());
  const consumer = r.kafka.consumer({ groupId: r.groupId, maxWaitTimeInMs: 250 });
  let watchdog: NodeJS.Timeout | undefined;
  try {
    await consumer.connect();
    await consumer.subscribe({ topics, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      let lastBatchMs = Date.now();
      watchdog = setInterval(() => {
        if (Date.now() - lastBatchMs > idleMs)
          reject(
            new Error(
              `the ledger replay read nothing for ${idleMs} ms; not read to their end: ${[...left].join(', ')}`,
            ),
          );
      }, 1000);
      consumer
        .run({
          autoCommit: false,
          eachBatch: async ({ batch }) => {
            lastBatchMs = Date.now();
            const part = `${batch.topic}/${batch.partition}`;
            const end = ends.get(part) ?? 0;
            for (const m of batch.messages) {
              // What came after the read began belongs to no audit of the run as it was.
              if (Number(m.offset) >= end) break;
              // Another run's event (or a forged one) was dead-lettered by payments: skipped.
              if (runHeaderOf(m.headers) === r.epoch) takeMessage(replay, m.value);
            }
            if (Number(batch.lastOffset()) + 1 >= end) left.delete(part);
            if (left.size === 0) resolve();
            return Promise.resolve();
          },
        })
        .catch(reject);
    });
  } finally {
    clearInterval(watchdog);
    await consumer.disconnect();
  }
}

/** A message payments could not read was dead-lettered, not applied: the replay skips it too. */
function takeMessage(replay: LedgerReplay, value: Buffer | null): void {
  try {
    replay.take(parseEvent(value));
  } catch (err) {
    if (!(err instanceof EventParseError)) throw err;
  }
}
