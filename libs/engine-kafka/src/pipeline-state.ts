/** How far a distributed run is from drained: consumer lag and unsent outboxes. */
import type { Admin } from 'kafkajs';
import type Redis from 'ioredis';
import { RunKeys } from '@weft/contracts';
import { OutboxKeys, consumerLag } from '@weft/kafka';

export interface PipelineState {
  lag: number;
  outbox: number;
  /** Events and orders so far, from the run's KPI counters. */
  events: number;
  placed: number;
}

export async function pipelineState(
  admin: Admin,
  redis: Redis,
  groups: { groupId: string; topics: string[] }[],
  services: string[],
): Promise<PipelineState> {
  // Every outbox that may hold events: an instance's stays registered until it is empty.
  const registered = await redis
    .pipeline(services.map((s) => ['smembers', OutboxKeys.registry(s)]))
    .exec();
  const outboxes = services.flatMap((s, i) =>
    ((registered?.[i]?.[1] ?? []) as string[]).map((id) => OutboxKeys.outbox(s, id)),
  );
  const p = redis.pipeline();
  for (const o of outboxes) p.llen(o);
  p.hmget(RunKeys.kpi, 'n.events', 'n.placed');
  const [lags, counts] = await Promise.all([consumerLag(admin, groups), p.exec()]);
  const lag = [...lags.values()].reduce((a, b) => a + b, 0);
  const n = (i: number) => Number(counts?.[i]?.[1] ?? 0);
  let outbox = 0;
  outboxes.forEach((_, i) => (outbox += n(i)));
  const [events, placed] = (counts?.[outboxes.length]?.[1] ?? []) as (string | null)[];
  return { lag, outbox, events: Number(events ?? 0), placed: Number(placed ?? 0) };
}
