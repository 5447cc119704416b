/** How far a distributed run is from done: consumer lag, pending timers, unsent outboxes. */
import type { Admin } from 'kafkajs';
import type Redis from 'ioredis';

export interface PipelineState {
  lag: number;
  timersDue: number;
  timersLater: number;
  outbox: number;
}

/** Consumer lag of every group, from one round of offset requests made in parallel. */
async function totalLag(
  admin: Admin,
  groups: { groupId: string; topics: string[] }[],
): Promise<number> {
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
    groups.map((g) => admin.fetchOffsets({ groupId: g.groupId, topics: g.topics })),
  );
  let lag = 0;
  for (const group of committed) {
    for (const t of group) {
      for (const p of t.partitions) {
        const done = Number(p.offset) < 0 ? 0 : Number(p.offset);
        lag += Math.max(0, (highs.get(t.topic)?.get(p.partition) ?? 0) - done);
      }
    }
  }
  return lag;
}

export async function pipelineState(
  admin: Admin,
  redis: Redis,
  groups: { groupId: string; topics: string[] }[],
  services: string[],
  outboxes: string[],
  horizonMs: number,
): Promise<PipelineState> {
  const p = redis.pipeline();
  for (const s of services) {
    p.zcount(`timers:${s}`, '-inf', horizonMs);
    p.zcount(`timers:${s}`, `(${horizonMs}`, '+inf');
  }
  for (const o of outboxes) p.llen(o);
  const [lag, counts] = await Promise.all([totalLag(admin, groups), p.exec()]);
  const n = (i: number) => Number(counts?.[i]?.[1] ?? 0);
  let timersDue = 0;
  let timersLater = 0;
  services.forEach((_, i) => {
    timersDue += n(2 * i);
    timersLater += n(2 * i + 1);
  });
  let outbox = 0;
  outboxes.forEach((_, i) => (outbox += n(2 * services.length + i)));
  return { lag, timersDue, timersLater, outbox };
}
