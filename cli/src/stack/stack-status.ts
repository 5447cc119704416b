/** `weft stack status`: what answers where, its pid, and who started it. */
import { kafkaAnswers } from './kafka-broker';
import { ourLivePid, portOf } from './our-processes';
import { redisAnswers } from './redis';
import { kafkaAddress, redisAddress, type StackConfig } from './stack-config';
import { readStackState, type ServiceName, type ServiceRecord } from './stack-state';

export interface ServiceStatus {
  service: ServiceName;
  address: string;
  answering: boolean;
  owner: 'ours' | 'external' | 'not running';
  /** Set when the process is ours and alive. */
  pid?: number;
}

export interface StackStatus {
  kafka: ServiceStatus;
  redis: ServiceStatus;
  /** Both Kafka and Redis answer. */
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
  const kafkaAt = state.kafka?.address ?? kafkaAddress(config);
  const redisAt = state.redis?.address ?? redisAddress(config);
  const redisHost = redisAt.slice(0, redisAt.lastIndexOf(':'));
  const [kafka, redis] = await Promise.all([
    describe(config, 'kafka', kafkaAt, state.kafka, (at) => kafkaAnswers(at)),
    describe(config, 'redis', redisAt, state.redis, (at) =>
      redisAnswers({ ...config.redis, host: redisHost, port: portOf(at) }),
    ),
  ]);
  return { kafka, redis, healthy: kafka.answering && redis.answering };
}
