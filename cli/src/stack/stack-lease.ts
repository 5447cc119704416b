/**
 * The stack as a run takes it: brought up if needed and held while the run lasts. Runs share
 * one stack per home, so a run never stops it under another: letting go stops only what runs
 * started (never what `weft stack up` started, nor an external broker or Redis), and only
 * when no other live user holds it.
 */
import type { StackConfig } from './stack-config';
import { stopOurService } from './stack-down';
import { withStackLock } from './stack-lock';
import type { StackLog } from './stack-log';
import { readStackState, SERVICES, type ServiceName } from './stack-state';
import { upLocked, type StackUpResult } from './stack-up';
import { stackHolders } from './stack-holders';
import { addUser, removeUser } from './stack-users';

export interface StackLease {
  /** Every Kafka node's address (one when the broker is external). */
  brokers: string[];
  redisUrl: string;
  up: StackUpResult;
  /** Lets go of the stack; the last user stops what runs started. Safe to repeat. */
  release(): Promise<ReleaseResult>;
}

export interface ReleaseResult {
  /** Services this release stopped. */
  stopped: ServiceName[];
  /** Live users still holding the stack after this one let go. */
  othersHolding: number;
}

export async function acquireStack(config: StackConfig, log: StackLog): Promise<StackLease> {
  const { up, userId } = await withStackLock(config.home, log, async () => ({
    up: await upLocked(config, log, 'run'),
    userId: await addUser(config.home),
  }));
  let released: Promise<ReleaseResult> | undefined;
  return {
    brokers: up.kafka.address.split(','),
    redisUrl: config.redis.url,
    up,
    release: () => (released ??= releaseStack(config, userId, log)),
  };
}

function releaseStack(config: StackConfig, userId: string, log: StackLog): Promise<ReleaseResult> {
  return withStackLock(config.home, log, async () => {
    await removeUser(config.home, userId);
    return stopIfUnused(config, log);
  });
}

/**
 * When nobody holds the stack any more, stops what runs started (never what `weft stack
 * up` started). Call it under the stack lock.
 */
export async function stopIfUnused(config: StackConfig, log: StackLog): Promise<ReleaseResult> {
  const others = await stackHolders(config.home);
  if (others.length > 0) {
    log(`stack left running: ${others.length} other run(s) still use it`);
    return { stopped: [], othersHolding: others.length };
  }
  const state = await readStackState(config.home);
  const startedByRuns = SERVICES.filter((service) => {
    const record = state[service];
    return record?.owner === 'ours' && record.startedBy === 'run';
  });
  for (const service of startedByRuns) await stopOurService(config, service, log);
  return { stopped: startedByRuns, othersHolding: 0 };
}
