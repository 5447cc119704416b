/** `weft stack down`: stops what this stack started, by pid, and nothing else. Safe to repeat. */
import { ourKafkaNodes, ourLivePid } from './our-processes';
import { stopProcess } from './processes';
import type { StackConfig } from './stack-config';
import { StackError } from './stack-errors';
import { withStackLock } from './stack-lock';
import type { StackLog } from './stack-log';
import { readStackState, recordService, SERVICES, type ServiceName } from './stack-state';
import { runsHoldingStack } from './run-records';
import { stopRunServices } from './run-stop';
import { stackHolders } from './stack-holders';
import { forgetUsers } from './stack-users';

export type DownAction = 'stopped' | 'left external' | 'not running';

export interface StackDownOptions {
  /** Only these services (default: both). The jest teardown stops just what its setup started. */
  services?: readonly ServiceName[];
  /** Stop it even while runs use it (they lose their broker and Redis; a kept run's services are stopped first). */
  force?: boolean;
}

export type StackDownResult = Partial<Record<ServiceName, DownAction>>;

/**
 * Refuses, unless forced, while a live run or a kept run's services have the stack:
 * stopping it would fail them.
 */
export function stackDown(
  config: StackConfig,
  log: StackLog,
  options: StackDownOptions = {},
): Promise<StackDownResult> {
  return withStackLock(config.home, log, async () => {
    const holders = await stackHolders(config.home);
    if (holders.length > 0) {
      const who = holders.join(', ');
      if (!options.force) {
        throw new StackError(
          `the stack in ${config.home} is in use by ${holders.length} run(s) (${who}); ` +
            'it stops by itself when the last one ends (`weft stop --run <id>` ends a kept one); ' +
            '`weft stack down --force` stops it under them',
          { retriable: true },
        );
      }
      log(`stopping the stack under ${holders.length} run(s) using it (${who}): --force`);
      for (const run of await runsHoldingStack(config.home))
        await stopRunServices(config.home, run, log);
      await forgetUsers(config.home);
    }
    const result: StackDownResult = {};
    for (const service of options.services ?? SERVICES) {
      result[service] = await stopOurService(config, service, log);
    }
    return result;
  });
}

/** Stops one service if the state file says we started it and its pids are still those processes. */
export async function stopOurService(
  config: StackConfig,
  service: ServiceName,
  log: StackLog,
): Promise<DownAction> {
  const record = (await readStackState(config.home))[service];
  if (!record) {
    log(`${service}: not started by weft here; nothing to stop`);
    return 'not running';
  }
  let action: DownAction;
  if (record.owner === 'external') {
    log(`${service}: ${record.address} is external; left running`);
    action = 'left external';
  } else {
    const pids =
      service === 'kafka'
        ? (await ourKafkaNodes(config.home, record)).filter((n) => n.alive).map((n) => n.pid)
        : [await ourLivePid(config.home, service, record)].filter((p) => p !== undefined);
    action = pids.length > 0 ? await stopAll(service, record.address, pids, log) : 'not running';
    // Dead, or the pid now belongs to another program: either way not ours to signal.
    if (action === 'not running')
      log(`${service}: pid ${record.pid} is no longer our ${service}; nothing to stop`);
  }
  await recordService(config.home, service, undefined);
  return action;
}

/** The nodes of a cluster go down together: stopped one by one, the last would wait for a quorum gone. */
async function stopAll(
  service: ServiceName,
  address: string,
  pids: number[],
  log: StackLog,
): Promise<DownAction> {
  log(`${service}: stopping pid ${pids.join(', ')} on ${address}…`);
  const hows = await Promise.all(pids.map((pid) => stopProcess(pid)));
  const killed = hows.filter((how) => how === 'killed').length;
  log(`${service}: stopped${killed > 0 ? ` (${killed} killed: ignored SIGTERM for 15 s)` : ''}`);
  return 'stopped';
}
