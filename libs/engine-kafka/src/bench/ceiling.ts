/**
 * The ceiling a pipeline is measured against, on the same broker in the same run: how many
 * messages one kafkajs process produces alone (produce-only: a plain producer, a few
 * requests in flight), and how many it relays (consume → parse → produce with the role
 * services' producer, as they do without their Redis work), with the pipeline's own
 * messages (real event envelopes) and partition count.
 */
import { Partitioners, type Kafka, type Producer } from 'kafkajs';
import { provisionTopics } from '@weft/kafka';

export interface CeilingMessage {
  key: string;
  value: string;
}

export interface Ceiling {
  produceOnlyPerSec: number;
  relayPerSec: number;
  messages: number;
  meanMessageBytes: number;
  partitions: number;
}

export interface CeilingOptions {
  /** Prefix of the bench's own topics (deleted afterwards). */
  topicPrefix: string;
  partitions: number;
  /** Messages to cycle through, as the pipeline carries them. */
  samples: readonly CeilingMessage[];
  /** Messages each measurement moves. */
  count: number;
  log?: (line: string) => void;
}

/** Messages per produce request, as a role service's outbox relay sends them. */
const BATCH = 500;
/** Produce-only: requests in flight at once, the raw producer at its best. */
const IN_FLIGHT = 4;

/** The producer the role services use: idempotent, one request in flight, acks from all. */
function pipelineProducer(kafka: Kafka): Producer {
  return kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
}

export async function measureCeiling(kafka: Kafka, o: CeilingOptions): Promise<Ceiling> {
  if (o.samples.length === 0) throw new Error('ceiling: no sample messages');
  const input = `${o.topicPrefix}bench.ceiling.in`;
  const output = `${o.topicPrefix}bench.ceiling.out`;
  const admin = kafka.admin();
  await admin.connect();
  const producer = pipelineProducer(kafka);
  await producer.connect();
  try {
    await provisionTopics(
      kafka,
      [input, output].map((topic) => ({ topic, partitions: o.partitions, retentionMs: 3_600_000 })),
    );
    const bytes = o.samples.reduce((a, m) => a + Buffer.byteLength(m.value), 0);
    const produceSeconds = await produceOnly(kafka, input, o);
    o.log?.(`ceiling: produced ${o.count} messages in ${produceSeconds.toFixed(2)} s`);
    const relaySeconds = await relay(kafka, producer, input, output, o);
    o.log?.(`ceiling: relayed ${o.count} messages in ${relaySeconds.toFixed(2)} s`);
    return {
      produceOnlyPerSec: Math.round(o.count / produceSeconds),
      relayPerSec: Math.round(o.count / relaySeconds),
      messages: o.count,
      meanMessageBytes: Math.round(bytes / o.samples.length),
      partitions: o.partitions,
    };
  } finally {
    await producer.disconnect();
    await admin.deleteTopics({ topics: [input, output] }).catch(() => undefined);
    await admin.disconnect();
  }
}

/** Relays every message of `input` to `output`; the wall seconds from the first fetch to the last send. */
/** Sends `count` messages to `input` as fast as a plain producer goes; the wall seconds it took. */
async function produceOnly(kafka: Kafka, input: string, o: CeilingOptions): Promise<number> {
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  try {
    const batchAt = (from: number): CeilingMessage[] => {
      const messages: CeilingMessage[] = [];
      for (let i = from; i < Math.min(o.count, from + BATCH); i++)
        messages.push(o.samples[i % o.samples.length] as CeilingMessage);
      return messages;
    };
    // One warm-up request: connections and metadata are not what is measured.
    await producer.send({ topic: input, acks: -1, messages: batchAt(0).slice(0, 1) });
    const started = process.hrtime.bigint();
    let next = 0;
    const lane = async () => {
      while (next < o.count) {
        const from = next;
        next += BATCH;
        await producer.send({ topic: input, acks: -1, messages: batchAt(from) });
      }
    };
    await Promise.all(Array.from({ length: IN_FLIGHT }, lane));
    return elapsedSeconds(started);
  } finally {
    await producer.disconnect();
  }
}

async function relay(
  kafka: Kafka,
  producer: Producer,
  input: string,
  output: string,
  o: CeilingOptions,
): Promise<number> {
  const consumer = kafka.consumer({
    groupId: `${o.topicPrefix}bench-ceiling-relay`,
    maxWaitTimeInMs: 50,
  });
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [input], fromBeginning: true });
    let relayed = 0;
    let started: bigint | null = null;
    const done = new Promise<number>((resolve, reject) => {
      consumer
        .run({
          partitionsConsumedConcurrently: o.partitions,
          eachBatch: async ({ batch }) => {
            started ??= process.hrtime.bigint();
            const messages: CeilingMessage[] = [];
            for (const m of batch.messages) {
              const value = m.value?.toString() ?? '';
              JSON.parse(value); // a service reads every event it is given
              messages.push({ key: m.key?.toString() ?? '', value });
            }
            // In requests of the relay's size: a whole fetch (up to a MB a partition) in
            // one request could pass the broker's message size limit.
            for (let i = 0; i < messages.length; i += BATCH)
              await producer.send({
                topic: output,
                acks: -1,
                messages: messages.slice(i, i + BATCH),
              });
            relayed += messages.length;
            if (relayed >= o.count) resolve(elapsedSeconds(started));
          },
        })
        .catch(reject);
    });
    return await done;
  } finally {
    await consumer.disconnect();
  }
}

function elapsedSeconds(from: bigint): number {
  return Number(process.hrtime.bigint() - from) / 1e9;
}
