/** `weft stack up`: Kafka (one node or a cluster) and Redis running, ours or someone else's; safe to repeat. */
import { kafkaAnswers, waitForKafkaNode } from './kafka-broker';
import { startKafkaNodes } from './kafka-cluster';
import { ourKafkaNodes, ourLivePid } from './our-processes';
import { portIsOpen } from './ports';
import { isAlive, stopProcess } from './processes';
import { launchRedis, redisAnswers, redisDataDir, waitForRedis } from './redis';
import { locateOrInstallRedisServer } from './redis-install';
import { kafkaAddress, kafkaAddresses, redisAddress, type StackConfig } from './stack-config';
import { StackError } from './stack-errors';
import { withStackLock } from './stack-lock';
import type { StackLog } from './stack-log';
import { readStackState, recordService, type OurRecord, type ServiceName } from './stack-state';
import { stopOurService } from './stack-down';
import { formatUpTable } from './stack-table';

export interface ServiceOutcome {
  service: ServiceName;
  /** For Kafka, the bootstrap list: every node's address, comma-separated. */
  address: string;
  owner: 'ours' | 'external';
  /** Set for a process we started (Kafka: node 1's). */
  pid?: number;
  /** Kafka: every node's pid, in node order, when the nodes are ours. */
  pids?: number[];
  action: 'started' | 'already running' | 'reused external';
}

export interface StackUpResult {
  kafka: ServiceOutcome;
  redis: ServiceOutcome;
}

export type StartedBy = NonNullable<OurRecord['startedBy']>;

/**
 * Brings Kafka, then Redis, up, for `weft stack up`: what it starts, or finds started by a
 * run, stays up until `weft stack down`. All or nothing: if Redis cannot be had, the broker
 * this call started is stopped again, so a failed `up` leaves nothing of its own behind. One
 * stack command runs at a time per home; another waits for it.
 */
export function stackUp(config: StackConfig, log: StackLog): Promise<StackUpResult> {
  return withStackLock(config.home, log, () => upLocked(config, log, 'command'));
}

/** `stackUp` for a caller that holds the stack lock already. */
export async function upLocked(
  config: StackConfig,
  log: StackLog,
  startedBy: StartedBy,
): Promise<StackUpResult> {
  const kafka = await upKafka(config, log, startedBy);
  let redis: ServiceOutcome;
  try {
    redis = await upRedis(config, log, startedBy);
  } catch (err) {
    if (kafka.action === 'started') await stopOurService(config, 'kafka', log);
    throw err;
  }
  const result = { kafka, redis };
  formatUpTable(result).forEach(log);
  return result;
}

function movedError(service: ServiceName, from: string, pid: number, to: string): StackError {
  return new StackError(
    `${service} of this stack already runs on ${from} (pid ${pid}), not ${to}; ` +
      'run `weft stack down` first to move it',
    { retriable: false },
  );
}

/** An explicit `weft stack up` keeps what a run started: the last run no longer stops it. */
async function keepForCommand(
  config: StackConfig,
  service: ServiceName,
  startedBy: StartedBy,
  log: StackLog,
): Promise<void> {
  const record = (await readStackState(config.home))[service];
  if (startedBy !== 'command' || record?.owner !== 'ours' || record.startedBy !== 'run') return;
  await recordService(config.home, service, { ...record, startedBy: 'command' });
  log(`${service}: started by a run; now kept running until \`weft stack down\``);
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

async function upKafka(
  config: StackConfig,
  log: StackLog,
  startedBy: StartedBy,
): Promise<ServiceOutcome> {
  const address = kafkaAddresses(config).join(',');
  const record = (await readStackState(config.home)).kafka;
  const nodes = await ourKafkaNodes(config.home, record);
  const running = nodes.find((n) => n.alive);
  if (record && running) {
    if (record.address !== address) {
      // A run takes the cluster `weft stack up --brokers N` made, whatever size it asks for.
      if (startedBy === 'command') throw movedError('kafka', record.address, running.pid, address);
      log(`kafka: ours already runs on ${record.address}; using it as it is`);
      const pids = nodes.filter((n) => n.alive).map((n) => n.pid);
      const at = record.address;
      return {
        service: 'kafka',
        address: at,
        owner: 'ours',
        pid: pids[0],
        pids,
        action: 'already running',
      };
    }
    // A node killed (a chaos test) or crashed while the others ran: start it again.
    const dead = config.kafka.nodes.filter(
      (node) => !nodes.some((n) => n.id === node.id && n.alive),
    );
    if (dead.length > 0) await startKafkaNodes(config, dead, startedBy, log);
    else log(`kafka: already running (pids ${nodes.map((n) => n.pid).join(', ')}) on ${address}`);
    await Promise.all(
      nodes
        .filter((n) => n.alive)
        .map((n) => {
          const node = config.kafka.nodes.find((c) => c.id === n.id);
          return node ? waitForKafkaNode(config, node, n.pid) : undefined;
        }),
    );
    await keepForCommand(config, 'kafka', startedBy, log);
    const pids = (await ourKafkaNodes(config.home, (await readStackState(config.home)).kafka)).map(
      (n) => n.pid,
    );
    return {
      service: 'kafka',
      address,
      owner: 'ours',
      pid: pids[0],
      pids,
      action: 'already running',
    };
  }
  // Something else on node 1's port: a broker there is used as it is, whatever its size.
  if (await kafkaAnswers(kafkaAddress(config))) {
    return useExternal(config, 'kafka', kafkaAddress(config), log);
  }
  for (const node of config.kafka.nodes) {
    for (const port of [node.port, node.controllerPort]) {
      if (await portIsOpen(config.kafka.host, port)) {
        throw new StackError(
          `port ${port} (Kafka node ${node.id}) is taken by something that is not our broker; ` +
            'set WEFT_KAFKA_PORT / WEFT_KAFKA_CONTROLLER_PORT (or --kafka-port) to free ports',
          { retriable: false },
        );
      }
    }
  }
  const pids = await startKafkaNodes(config, config.kafka.nodes, startedBy, log);
  return { service: 'kafka', address, owner: 'ours', pid: pids[0], pids, action: 'started' };
}

async function upRedis(
  config: StackConfig,
  log: StackLog,
  startedBy: StartedBy,
): Promise<ServiceOutcome> {
  const address = redisAddress(config);
  const record = (await readStackState(config.home)).redis;
  const ourPid = await ourLivePid(config.home, 'redis', record);
  if (ourPid !== undefined) {
    if (record && record.address !== address)
      throw movedError('redis', record.address, ourPid, address);
    log(`redis: already running (pid ${ourPid}) on ${address}`);
    await waitForRedis(config, ourPid);
    await keepForCommand(config, 'redis', startedBy, log);
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
  log(
    `redis: starting ${redisServer} on ${address} (append-only file in ${redisDataDir(config.home)})`,
  );
  const pid = await launchRedis(config, redisServer);
  await recordService(config.home, 'redis', {
    owner: 'ours',
    address,
    pid,
    startedAt: new Date().toISOString(),
    startedBy,
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
