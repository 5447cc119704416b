/**
 * One stack command at a time per home. Two `weft stack up`s at once (a run and a test
 * suite started together) would both find no broker, both start one, and leave one of
 * them unrecorded, so that `down` could never stop it. The second waits for the first
 * instead, then finds its broker running. A lock whose holder died goes stale and is taken.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { lock } from 'proper-lockfile';
import type { StackLog } from './stack-log';

/** A holder refreshes the lock this often; one not refreshed for STALE_MS is taken over. */
const UPDATE_MS = 5_000;
const STALE_MS = 20_000;
/** Long enough for the other command to fetch Kafka's jars on a slow first run. */
const WAIT_MS = 15 * 60_000;
const POLL_MS = 500;

export async function withStackLock<T>(
  home: string,
  log: StackLog,
  fn: () => Promise<T>,
): Promise<T> {
  await mkdir(home, { recursive: true });
  const options = {
    lockfilePath: join(home, 'stack.lock'),
    realpath: false,
    stale: STALE_MS,
    update: UPDATE_MS,
    onCompromised: (err: Error) =>
      log(`stack lock in ${home} was lost (${err.message}); carrying on without it`),
  };
  let release: () => Promise<void>;
  try {
    release = await lock(home, options);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ELOCKED') throw err;
    log(`another weft stack command is working in ${home}; waiting for it to finish…`);
    release = await lock(home, {
      ...options,
      retries: { retries: WAIT_MS / POLL_MS, factor: 1, minTimeout: POLL_MS, maxTimeout: POLL_MS },
    });
  }
  try {
    return await fn();
  } finally {
    await release();
  }
}
