/** Creates the topics a service needs, with the partition count asked for; idempotent. */
import { Kafka, ITopicConfig } from 'kafkajs';

export interface TopicSpec {
  topic: string;
  partitions: number;
  retentionMs?: number;
}

const ATTEMPTS = 5;

/**
 * Returns the names of the topics it created; existing ones are left as they are. Several
 * processes may provision the same topics at once (services starting together): whatever
 * the loser's createTopics reports, the topics are looked up again and a try that finds
 * them all in place succeeds.
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
    if (missing.length === 0) return [];
    const topics: ITopicConfig[] = missing.map((s) => ({
      topic: s.topic,
      numPartitions: s.partitions,
      replicationFactor: -1, // the broker's default: 1 on a single node, 3 on a real cluster
      configEntries:
        s.retentionMs === undefined ? [] : [{ name: 'retention.ms', value: String(s.retentionMs) }],
    }));
    await admin.createTopics({ topics, waitForLeaders: true });
    return missing.map((s) => s.topic);
  } finally {
    await admin.disconnect();
  }
}
