/** What a run waits for before its clock may start: topics with leaders, stable groups, opening events. */
import type { Admin } from 'kafkajs';
import type Redis from 'ioredis';
import { RunKeys } from '@weft/contracts';

/**
 * Creates the run's topics and waits until each partition has a leader: a broker that
 * has just started may refuse metadata for a moment, so both steps are retried.
 */
export async function topicsReady(
  admin: Admin,
  topics: string[],
  create: () => Promise<unknown>,
  timeoutMs = 30_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await create();
      const { topics: meta } = await admin.fetchTopicMetadata({ topics });
      if (meta.every((t) => t.partitions.every((p) => p.leader >= 0))) return;
    } catch (err) {
      if (Date.now() > deadline) throw err;
    }
    if (Date.now() > deadline) throw new Error(`topics not ready after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Waits until each group is Stable with all its members, or at least one for `members: 0` (or 60 s pass). */
export async function groupsStable(
  admin: Admin,
  groups: { groupId: string; members: number }[],
): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const { groups: described } = await admin.describeGroups(groups.map((g) => g.groupId));
    const ready = groups.every((g) => {
      const d = described.find((x) => x.groupId === g.groupId);
      const members = d?.members.length ?? 0;
      return d?.state === 'Stable' && (g.members === 0 ? members > 0 : members === g.members);
    });
    if (ready) return;
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Waits until the role that opens the run (the consumers' first arrivals) has written its opening events. */
export async function runOpened(redis: Redis, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await redis.get(RunKeys.started('consumers')))) {
    if (Date.now() > deadline)
      throw new Error(`the consumers service did not open the run within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
