/** Whether a state-file record still describes a live process this stack started. */
import { kafkaIdentity } from './kafka-broker';
import { isOurProcess, type ProcessIdentity } from './processes';
import { redisIdentity } from './redis';
import type { ServiceName, ServiceRecord } from './stack-state';

export function portOf(address: string): number {
  return Number(address.slice(address.lastIndexOf(':') + 1));
}

export function identityOf(home: string, service: ServiceName, address: string): ProcessIdentity {
  return service === 'kafka' ? kafkaIdentity(home) : redisIdentity(home, portOf(address));
}

/** The pid of the record if it is ours and that pid is still our process, else undefined. */
export async function ourLivePid(
  home: string,
  service: ServiceName,
  record: ServiceRecord | undefined,
): Promise<number | undefined> {
  if (record?.owner !== 'ours') return undefined;
  return (await isOurProcess(record.pid, identityOf(home, service, record.address)))
    ? record.pid
    : undefined;
}
