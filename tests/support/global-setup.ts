/** Jest globalSetup (integration): the local stack taken (brought up if needed), and where it is, for every test. */
import { acquireStack, loadStackConfig, type StackLease } from '../../cli/src/stack';

/** Where the teardown (same process) finds the lease to let go of. */
export const LEASE = Symbol.for('weft.jest.stackLease');

export default async function globalSetup(): Promise<void> {
  // A stack brought up before the run (`weft stack up`, .ci/run) is shared and left running
  // afterwards; one this setup brings up is stopped when the last of its users lets go.
  const lease = await acquireStack(loadStackConfig(), (line) =>
    process.stdout.write(`[weft stack] ${line}\n`),
  );
  (globalThis as Record<symbol, StackLease | undefined>)[LEASE] = lease;
  process.env.WEFT_KAFKA_BROKERS = lease.brokers.join(',');
  process.env.WEFT_REDIS_URL = lease.redisUrl;
}
