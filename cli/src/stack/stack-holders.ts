/** Who holds the stack of a home, so that it is not stopped under them. */
import { runsHoldingStack } from './run-records';
import { liveUsers } from './stack-users';

/** Runs holding the stack, described: live drivers, and kept services whose driver has gone. */
export async function stackHolders(home: string): Promise<string[]> {
  const [users, runs] = await Promise.all([liveUsers(home), runsHoldingStack(home)]);
  return [
    ...users.map((u) => `pid ${u.pid} since ${u.since}`),
    ...runs.map((r) => `run ${r.record.runId} kept, ${r.liveServices.length} service(s)`),
  ];
}
