/** Whether a state-file record still describes live processes this stack started. */
import { kafkaIdentity } from './kafka-broker';
import { isOurProcess } from './processes';
import { redisIdentity } from './redis';
import {
  recordedNodes,
  type NodeRecord,
  type ServiceName,
  type ServiceRecord,
} from './stack-state';

export function portOf(address: string): number {
  return Number(address.slice(address.lastIndexOf(':') + 1));
}

export interface NodeLiveness extends NodeRecord {
  alive: boolean;
}

/** Each node of our Kafka record, and whether its pid is still that node (none if not ours). */
export async function ourKafkaNodes(
  home: string,
  record: ServiceRecord | undefined,
): Promise<NodeLiveness[]> {
  if (record?.owner !== 'ours') return [];
  const nodes = recordedNodes(record);
  return Promise.all(
    nodes.map(async (node) => ({
      ...node,
      alive: await isOurProcess(node.pid, kafkaIdentity(home, node.id, nodes.length)),
    })),
  );
}

/**
 * The pid of the record if it is ours and that pid is still our process, else undefined.
 * For Kafka, the first live node's pid.
 */
export async function ourLivePid(
  home: string,
  service: ServiceName,
  record: ServiceRecord | undefined,
): Promise<number | undefined> {
  if (record?.owner !== 'ours') return undefined;
  if (service === 'kafka') return (await ourKafkaNodes(home, record)).find((n) => n.alive)?.pid;
  return (await isOurProcess(record.pid, redisIdentity(home, portOf(record.address))))
    ? record.pid
    : undefined;
}
