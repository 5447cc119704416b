/** How far a distributed run is from done: consumer lag, pending timers, unsent outboxes. */
import type { Admin } from 'kafkajs';
import type Redis from 'ioredis';

export interface PipelineState {
  lag: number;
  timersDue: number;
  timersLater: number;
  outbox: number;
}

async function groupLag(admin: Admin, groupId: string, topics: string[]): Promise<number> {
  const committed = await admin.fetchOffsets({ groupId, topics });
  let lag = 0;
  for (const t of committed) {
    const high = new Map(
      (await admin.fetchTopicOffsets(t.topic)).map((p) => [p.partition, Number(p.high)]),
    );
    for (const p of t.partitions) {
      const done = Number(p.offset) < 0 ? 0 : Number(p.offset);
      lag += Math.max(0, (high.get(p.partition) ?? 0) - done);
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
  let lag = 0;
  for (const g of groups) lag += await groupLag(admin, g.groupId, g.topics);
  let timersDue = 0;
  let timersLater = 0;
  for (const s of services) {
    timersDue += await redis.zcount(`timers:${s}`, '-inf', horizonMs);
    timersLater += await redis.zcount(`timers:${s}`, `(${horizonMs}`, '+inf');
  }
  let outbox = 0;
  for (const o of outboxes) outbox += await redis.llen(o);
  return { lag, timersDue, timersLater, outbox };
}
