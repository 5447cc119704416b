/** Consumer lag of consumer groups: how many messages each is behind the topics' ends. */
import type { Admin } from 'kafkajs';

export interface GroupTopics {
  groupId: string;
  topics: readonly string[];
}

/** Lag per group id, from one round of offset requests made in parallel. */
export async function consumerLag(
  admin: Admin,
  groups: readonly GroupTopics[],
): Promise<Map<string, number>> {
  const topics = [...new Set(groups.flatMap((g) => g.topics))];
  const highs = new Map(
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
  const lag = new Map<string, number>();
  groups.forEach((g, i) => {
    let behind = 0;
    for (const t of committed[i] ?? []) {
      for (const p of t.partitions) {
        const done = Number(p.offset) < 0 ? 0 : Number(p.offset);
        behind += Math.max(0, (highs.get(t.topic)?.get(p.partition) ?? 0) - done);
      }
    }
    lag.set(g.groupId, behind);
  });
  return lag;
}
