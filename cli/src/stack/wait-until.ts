/** Polling with a deadline: the only way the stack waits for a process or a port. */
import { setTimeout as sleep } from 'node:timers/promises';

export interface WaitOptions {
  timeoutMs: number;
  intervalMs?: number;
}

/**
 * Calls `probe` until it returns a value other than `undefined`, or the deadline passes
 * (then resolves `undefined`). A probe may throw to abort the wait early.
 */
export async function waitUntil<T>(
  probe: () => Promise<T | undefined>,
  { timeoutMs, intervalMs = 250 }: WaitOptions,
): Promise<T | undefined> {
  const deadlineWallMs = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() >= deadlineWallMs) return undefined;
    await sleep(intervalMs);
  }
}
