/** Consumer lag of consumer groups: how many messages each is behind the topics' ends. */
import type { Admin } from 'kafkajs';

export interface GroupTopics {
  groupId: string;
  topics: readonly string[];
}

/** One group's position on one partition: its committed offset against the log's end. */
export interface PartitionLag {
  groupId: string;
  topic: string;
  partition: number;
  /** The group's committed offset; 0 when it has committed none yet. */
  committed: number;
  /** The partition's high watermark (the offset the next record gets). */
  end: number;
  lag: number;
}

/**
 * Lag per group, topic and partition, from one round of offset requests made in parallel:
 * the topics' ends once, then each group's committed offsets.
 */
export async function partitionLag(
  admin: Admin,
  groups: readonly GroupTopics[],
): Promise<PartitionLag[]> {
  const topics = [...new Set(groups.flatMap((g) => g.topics))];
  const ends = new Map(
    await Promise.all(
      topics.map(async (t) => {
        const offsets = await admin.fetchTopicOffsets(t);
        return [t, new Map(offsets.map((p) => [p.partition, Number(p.high)]))] as const;
      }),
    ),
  );
  const committed = await Promise.all(
    groups.map((g) => admin.fetchOffsets({ groupId: g.groupId, topics: [...g.topics] })),
  );
  const rows: PartitionLag[] = [];
  groups.forEach((g, i) => {
    for (const t of committed[i] ?? []) {
      for (const p of t.partitions) {
        const done = Number(p.offset) < 0 ? 0 : Number(p.offset);
        const end = ends.get(t.topic)?.get(p.partition) ?? 0;
        rows.push({
          groupId: g.groupId,
          topic: t.topic,
          partition: p.partition,
          committed: done,
          end,
          lag: Math.max(0, end - done),
        });
      }
    }
  });
  return rows;
}

/** Lag per group id: the sum of its partitions' lag. */
export async function consumerLag(
  admin: Admin,
  groups: readonly GroupTopics[],
): Promise<Map<string, number>> {
  const lag = new Map<string, number>(groups.map((g) => [g.groupId, 0]));
  for (const row of await partitionLag(admin, groups))
    lag.set(row.groupId, (lag.get(row.groupId) ?? 0) + row.lag);
  return lag;
}
