/**
 * Creates the topics a service needs, with the partition count asked for and as many copies
 * as the cluster can keep (up to three, two of them in sync for a write); idempotent.
 */
import type { Admin, ITopicConfig, Kafka } from 'kafkajs';

export interface TopicSpec {
  topic: string;
  partitions: number;
  retentionMs?: number;
}

const ATTEMPTS = 5;
/** How long a topic may take to show up, with a leader for each partition, in metadata. */
const READY_TIMEOUT_MS = 30_000;

/**
 * Returns the names of the topics it created; existing ones are left as they are. Several
 * processes may provision the same topics at once (services starting together): whatever
 * the loser's createTopics reports, the topics are looked up again and a try that finds
 * them all in place succeeds. It returns once every topic is in the broker's metadata with a
 * leader for each partition: a topic another process has only just created may not be yet,
 * and a consumer subscribing to it then fails at once (kafkajs does not retry an unknown
 * topic).
 */
export async function provisionTopics(
  kafka: Kafka,
  specs: readonly TopicSpec[],
): Promise<string[]> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await provisionOnce(kafka, specs);
    } catch (err) {
      if (attempt >= ATTEMPTS) throw err;
      await new Promise((r) => setTimeout(r, 200 * attempt));
    }
  }
}

async function provisionOnce(kafka: Kafka, specs: readonly TopicSpec[]): Promise<string[]> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = specs.filter((s) => !existing.has(s.topic));
    let created: string[] = [];
    if (missing.length > 0) {
      const { brokers } = await admin.describeCluster();
      created = await createMissing(admin, missing, replicationFor(brokers.length));
    }
    await awaitLeaders(
      admin,
      specs.map((s) => s.topic),
    );
    return created;
  } finally {
    await admin.disconnect();
  }
}

export interface Replication {
  factor: number;
  /** Set where a write acknowledged by all in-sync replicas must be on two of them. */
  minInsync?: number;
}

/**
 * Three copies where the cluster has three brokers or more, and a write needs two of them in
 * sync: acks=all then survives losing any one broker without losing an acknowledged record,
 * and producing goes on while one is down. A smaller cluster keeps a copy on each broker.
 * Read from the cluster itself, so no service needs a setting for it.
 */
export function replicationFor(brokers: number): Replication {
  const factor = Math.max(1, Math.min(3, brokers));
  return factor >= 3 ? { factor, minInsync: 2 } : { factor };
}

/** Creates the topics; when kafkajs finds them all in place already, none is reported. */
async function createMissing(
  admin: Admin,
  missing: readonly TopicSpec[],
  replication: Replication,
): Promise<string[]> {
  const topics: ITopicConfig[] = missing.map((s) => ({
    topic: s.topic,
    numPartitions: s.partitions,
    replicationFactor: replication.factor,
    configEntries: [
      ...(replication.minInsync === undefined
        ? []
        : [{ name: 'min.insync.replicas', value: String(replication.minInsync) }]),
      ...(s.retentionMs === undefined
        ? []
        : [{ name: 'retention.ms', value: String(s.retentionMs) }]),
    ],
  }));
  // false: all of them existed already, created by another process, or by this very call
  // when the broker answered an attempt with an error and kafkajs tried again. Either way
  // kafkajs has not waited for their leaders: awaitLeaders does.
  const done = await admin.createTopics({ topics, waitForLeaders: true });
  return done ? missing.map((s) => s.topic) : [];
}

async function awaitLeaders(admin: Admin, topics: string[]): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    let problem: string;
    try {
      const { topics: found } = await admin.fetchTopicMetadata({ topics });
      const leaderless = found.filter(
        (t) => t.partitions.length === 0 || t.partitions.some((p) => p.leader < 0),
      );
      if (leaderless.length === 0) return;
      problem = `no leader yet for ${leaderless.map((t) => t.name).join(', ')}`;
    } catch (err) {
      problem = err instanceof Error ? err.message : String(err);
    }
    if (Date.now() > deadline)
      throw new Error(`topics not ready after ${READY_TIMEOUT_MS} ms: ${problem}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
