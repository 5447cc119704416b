/** `weft stack down`: stops what this stack started, by pid, and nothing else. Safe to repeat. */
import { ourLivePid } from './our-processes';
import { stopProcess } from './processes';
import type { StackConfig } from './stack-config';
import { withStackLock } from './stack-lock';
import type { StackLog } from './stack-log';
import { readStackState, recordService, SERVICES, type ServiceName } from './stack-state';

export type DownAction = 'stopped' | 'left external' | 'not running';

export interface StackDownOptions {
  /** Only these services (default: both). The jest teardown stops just what its setup started. */
  services?: readonly ServiceName[];
}

export type StackDownResult = Partial<Record<ServiceName, DownAction>>;

export function stackDown(
  config: StackConfig,
  log: StackLog,
  options: StackDownOptions = {},
): Promise<StackDownResult> {
  return withStackLock(config.home, log, async () => {
    const result: StackDownResult = {};
    for (const service of options.services ?? SERVICES) {
      result[service] = await stopOurService(config, service, log);
    }
    return result;
  });
}

/** Stops one service if the state file says we started it and its pid is still that process. */
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
  } else if ((await ourLivePid(config.home, service, record)) !== undefined) {
    log(`${service}: stopping pid ${record.pid} on ${record.address}…`);
    const how = await stopProcess(record.pid);
    log(`${service}: stopped${how === 'killed' ? ' (killed: it ignored SIGTERM for 15 s)' : ''}`);
    action = 'stopped';
  } else {
    // Dead, or the pid now belongs to another program: either way not ours to signal.
    log(`${service}: pid ${record.pid} is no longer our ${service}; nothing to stop`);
    action = 'not running';
  }
  await recordService(config.home, service, undefined);
  return action;
}
