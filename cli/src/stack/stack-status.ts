/** `weft stack status`: what answers where (each Kafka node), its pid, who started it, and the runs on it. */
import { kafkaAnswers } from './kafka-broker';
import { ourKafkaNodes, ourLivePid, portOf } from './our-processes';
import { redisAnswers } from './redis';
import { liveRuns, type LiveRun } from './run-records';
import { kafkaAddresses, redisAddress, type StackConfig } from './stack-config';
import { readStackState, type ServiceName, type ServiceRecord } from './stack-state';

export interface ServiceStatus {
  service: ServiceName;
  address: string;
  answering: boolean;
  owner: 'ours' | 'external' | 'not running';
  /** Set when the process is ours and alive (Kafka: the first live node's). */
  pid?: number;
  /** Kafka, when the nodes are ours: each node on its own. */
  nodes?: NodeStatus[];
}

export interface NodeStatus {
  id: number;
  address: string;
  pid?: number;
  answering: boolean;
}

export interface StackStatus {
  kafka: ServiceStatus;
  redis: ServiceStatus;
  /** Runs on this stack with a process still running, newest first. */
  runs: LiveRun[];
  /** Redis and every Kafka node answer. */
  healthy: boolean;
}

async function describe(
  config: StackConfig,
  service: ServiceName,
  address: string,
  record: ServiceRecord | undefined,
  answers: (address: string) => Promise<boolean>,
): Promise<ServiceStatus> {
  const [answering, pid] = await Promise.all([
    answers(address),
    ourLivePid(config.home, service, record),
  ]);
  if (pid !== undefined) return { service, address, answering, owner: 'ours', pid };
  return { service, address, answering, owner: answering ? 'external' : 'not running' };
}

/** Probes the addresses the state file records (those `up` used), else the configured ones. */
export async function stackStatus(config: StackConfig): Promise<StackStatus> {
  const state = await readStackState(config.home);
  const kafkaAt = state.kafka?.address ?? kafkaAddresses(config).join(',');
  const redisAt = state.redis?.address ?? redisAddress(config);
  const redisHost = redisAt.slice(0, redisAt.lastIndexOf(':'));
  const [kafka, redis, runs] = await Promise.all([
    describeKafka(config, kafkaAt, state.kafka),
    describe(config, 'redis', redisAt, state.redis, (at) =>
      redisAnswers({ ...config.redis, host: redisHost, port: portOf(at) }),
    ),
    liveRuns(config.home),
  ]);
  const nodesAnswer = kafka.nodes?.every((n) => n.answering) ?? kafka.answering;
  return { kafka, redis, runs, healthy: nodesAnswer && redis.answering };
}

/** Each of our nodes on its own; a broker we did not start, as the one address it has. */
async function describeKafka(
  config: StackConfig,
  address: string,
  record: ServiceRecord | undefined,
): Promise<ServiceStatus> {
  const ours = await ourKafkaNodes(config.home, record);
  if (ours.length === 0) {
    const first = address.split(',')[0] ?? address;
    return describe(config, 'kafka', first, record, (at) => kafkaAnswers(at));
  }
  const nodes: NodeStatus[] = await Promise.all(
    ours.map(async (n) => ({
      id: n.id,
      address: n.address,
      answering: await kafkaAnswers(n.address),
      ...(n.alive ? { pid: n.pid } : {}),
    })),
  );
  const pid = nodes.find((n) => n.pid !== undefined)?.pid;
  const answering = nodes.some((n) => n.answering);
  if (pid === undefined) {
    return { service: 'kafka', address, answering, owner: answering ? 'external' : 'not running' };
  }
  return { service: 'kafka', address, answering, owner: 'ours', pid, nodes };
}
