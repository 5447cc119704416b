/** Creates the topics a service needs, with the partition count asked for; idempotent. */
import { Kafka, ITopicConfig } from 'kafkajs';

export interface TopicSpec {
  topic: string;
  partitions: number;
  retentionMs?: number;
}

/** Returns the names of the topics it had to create; existing ones are left as they are. */
export async function provisionTopics(
  kafka: Kafka,
  specs: readonly TopicSpec[],
): Promise<string[]> {
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
    // Two services may race to create the same topic; createTopics then reports it as
    // existing, which is what we want, so only a real failure throws.
    await admin.createTopics({ topics, waitForLeaders: true });
    return missing.map((s) => s.topic);
  } finally {
    await admin.disconnect();
  }
}
