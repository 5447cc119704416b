/** `weft stack up`: Kafka and Redis running (ours or someone else's), safe to repeat. */
import { ensureKafkaJars } from './kafka-runtime';
import { kafkaAnswers, kafkaPaths, launchKafkaBroker, waitForKafkaBroker } from './kafka-broker';
import { ourLivePid } from './our-processes';
import { portIsOpen } from './ports';
import { requireJava } from './prerequisites';
import { isAlive, stopProcess } from './processes';
import { launchRedis, redisAnswers, waitForRedis } from './redis';
import { locateOrInstallRedisServer } from './redis-install';
import { KAFKA_VERSION, kafkaAddress, redisAddress, type StackConfig } from './stack-config';
import { StackError } from './stack-errors';
import { withStackLock } from './stack-lock';
import type { StackLog } from './stack-log';
import { readStackState, recordService, type ServiceName } from './stack-state';
import { stopOurService } from './stack-down';
import { formatUpTable } from './stack-table';

export interface ServiceOutcome {
  service: ServiceName;
  address: string;
  owner: 'ours' | 'external';
  /** Set for a process we started. */
  pid?: number;
  action: 'started' | 'already running' | 'reused external';
}

export interface StackUpResult {
  kafka: ServiceOutcome;
  redis: ServiceOutcome;
}

/**
 * Brings Kafka, then Redis, up. All or nothing: if Redis cannot be had, the broker this
 * call started is stopped again, so a failed `up` leaves nothing of its own behind. One
 * stack command runs at a time per home; another waits for it.
 */
export function stackUp(config: StackConfig, log: StackLog): Promise<StackUpResult> {
  return withStackLock(config.home, log, () => up(config, log));
}

async function up(config: StackConfig, log: StackLog): Promise<StackUpResult> {
  const kafka = await upKafka(config, log);
  let redis: ServiceOutcome;
  try {
    redis = await upRedis(config, log);
  } catch (err) {
    if (kafka.action === 'started') await stopOurService(config, 'kafka', log);
    throw err;
  }
  const result = { kafka, redis };
  formatUpTable(result).forEach(log);
  return result;
}

/** The pid of our process for `service` if it runs, on the address now configured. */
async function runningOurs(
  config: StackConfig,
  service: ServiceName,
  address: string,
): Promise<number | undefined> {
  const record = (await readStackState(config.home))[service];
  const pid = await ourLivePid(config.home, service, record);
  if (pid !== undefined && record && record.address !== address) {
    throw new StackError(
      `${service} of this stack already runs on ${record.address} (pid ${pid}), not ` +
        `${address}; run \`weft stack down\` first to move it`,
      { retriable: false },
    );
  }
  return pid;
}

async function useExternal(
  config: StackConfig,
  service: ServiceName,
  address: string,
  log: StackLog,
): Promise<ServiceOutcome> {
  const state = await readStackState(config.home);
  const known = state[service];
  if (known?.owner !== 'external' || known.address !== address) {
    await recordService(config.home, service, {
      owner: 'external',
      address,
      seenAt: new Date().toISOString(),
    });
  }
  log(
    `${service}: something already answers on ${address}; using it (external: weft will never stop it)`,
  );
  return { service, address, owner: 'external', action: 'reused external' };
}

async function upKafka(config: StackConfig, log: StackLog): Promise<ServiceOutcome> {
  const address = kafkaAddress(config);
  const ourPid = await runningOurs(config, 'kafka', address);
  if (ourPid !== undefined) {
    log(`kafka: already running (pid ${ourPid}) on ${address}`);
    await waitForKafkaBroker(config, ourPid);
    return { service: 'kafka', address, owner: 'ours', pid: ourPid, action: 'already running' };
  }
  if (await kafkaAnswers(address)) return useExternal(config, 'kafka', address, log);
  if (await portIsOpen(config.kafka.host, config.kafka.port)) {
    throw new StackError(
      `port ${config.kafka.port} is taken by something that is not a Kafka broker; ` +
        'set WEFT_KAFKA_PORT (or --kafka-port) to a free port',
      { retriable: false },
    );
  }

  const java = await requireJava();
  const jarsDir = await ensureKafkaJars(config, log);
  log(
    `kafka: starting Kafka ${KAFKA_VERSION} on ${address} (heap ${config.kafka.heap}, log ${kafkaPaths(config.home).logFile})`,
  );
  const pid = await launchKafkaBroker(config, java, jarsDir);
  await recordService(config.home, 'kafka', {
    owner: 'ours',
    address,
    pid,
    startedAt: new Date().toISOString(),
  });
  try {
    await waitForKafkaBroker(config, pid);
  } catch (err) {
    if (await isAlive(pid)) await stopProcess(pid);
    await recordService(config.home, 'kafka', undefined);
    throw err;
  }
  log(`kafka: ready (pid ${pid})`);
  return { service: 'kafka', address, owner: 'ours', pid, action: 'started' };
}

async function upRedis(config: StackConfig, log: StackLog): Promise<ServiceOutcome> {
  const address = redisAddress(config);
  const ourPid = await runningOurs(config, 'redis', address);
  if (ourPid !== undefined) {
    log(`redis: already running (pid ${ourPid}) on ${address}`);
    await waitForRedis(config, ourPid);
    return { service: 'redis', address, owner: 'ours', pid: ourPid, action: 'already running' };
  }
  if (await redisAnswers(config.redis)) return useExternal(config, 'redis', address, log);
  if (!['127.0.0.1', 'localhost', '::1', '[::1]'].includes(config.redis.host)) {
    throw new StackError(
      `no Redis answers at ${address}, and weft can only start one on this machine; ` +
        'fix WEFT_REDIS_URL or start that Redis',
      { retriable: true },
    );
  }
  if (await portIsOpen(config.redis.host, config.redis.port)) {
    throw new StackError(
      `port ${config.redis.port} is taken by something that does not answer PING ` +
        '(not Redis, or a wrong password in WEFT_REDIS_URL)',
      { retriable: false },
    );
  }

  const redisServer = await locateOrInstallRedisServer(log);
  // Debian's package may have just started its own service on this very port.
  if (await redisAnswers(config.redis)) return useExternal(config, 'redis', address, log);
  log(`redis: starting ${redisServer} on ${address} (no persistence)`);
  const pid = await launchRedis(config, redisServer);
  await recordService(config.home, 'redis', {
    owner: 'ours',
    address,
    pid,
    startedAt: new Date().toISOString(),
  });
  try {
    await waitForRedis(config, pid);
  } catch (err) {
    if (await isAlive(pid)) await stopProcess(pid);
    await recordService(config.home, 'redis', undefined);
    throw err;
  }
  log(`redis: ready (pid ${pid})`);
  return { service: 'redis', address, owner: 'ours', pid, action: 'started' };
}
