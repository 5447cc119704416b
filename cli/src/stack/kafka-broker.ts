/** A KRaft Kafka node (broker and controller in one JVM): configure, format once, launch, wait until it answers. */
import { randomBytes } from 'node:crypto';
import { access, appendFile, copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { lastLines, runCommand } from './commands';
import { kafkaAssetsDir } from './kafka-runtime';
import { isAlive, spawnDetached, START_HEADER, tailOf, type ProcessIdentity } from './processes';
import type { KafkaNode, StackConfig } from './stack-config';
import { StackError, systemErrorCode } from './stack-errors';
import { waitUntil } from './wait-until';

export interface KafkaPaths {
  dir: string;
  dataDir: string;
  serverProperties: string;
  log4jConfig: string;
  logFile: string;
}

/**
 * A lone broker lives in `<home>/kafka` (where stacks before clusters put it); node n of a
 * cluster in `<home>/kafka-<n>`, so a one-node and a three-node stack never share storage
 * formatted for another quorum.
 */
export function kafkaPaths(home: string, nodeId = 1, clusterSize = 1): KafkaPaths {
  const name = clusterSize === 1 ? 'kafka' : `kafka-${nodeId}`;
  const dir = join(home, name);
  return {
    dir,
    dataDir: join(dir, 'data'),
    serverProperties: join(dir, 'server.properties'),
    log4jConfig: join(dir, 'log4j2.properties'),
    logFile: join(home, 'logs', `${name}.log`),
  };
}

/** Our broker: the main class and this node's config file on its command line, run from its directory. */
export function kafkaIdentity(home: string, nodeId = 1, clusterSize = 1): ProcessIdentity {
  const paths = kafkaPaths(home, nodeId, clusterSize);
  return { cmdlineMarkers: ['kafka.Kafka', paths.serverProperties], cwd: paths.dir };
}

export function nodeAddress(config: StackConfig, node: KafkaNode): string {
  return `${config.kafka.host}:${node.port}`;
}

/** Replication settings for a cluster of `size` nodes: three copies, two of them needed to write. */
export function replicationFor(size: number): { factor: number; minInsync: number } {
  const factor = Math.min(3, size);
  return { factor, minInsync: factor >= 3 ? 2 : 1 };
}

export function serverProperties(config: StackConfig, node: KafkaNode, dataDir: string): string {
  const { host, nodes } = config.kafka;
  const { factor, minInsync } = replicationFor(nodes.length);
  const voters = nodes.map((n) => `${n.id}@${host}:${n.controllerPort}`).join(',');
  return [
    '# Written by `weft stack up` on every start; edit WEFT_* variables instead.',
    'process.roles=broker,controller',
    `node.id=${node.id}`,
    `controller.quorum.voters=${voters}`,
    `listeners=PLAINTEXT://${host}:${node.port},CONTROLLER://${host}:${node.controllerPort}`,
    `advertised.listeners=PLAINTEXT://${host}:${node.port}`,
    'listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
    'controller.listener.names=CONTROLLER',
    'inter.broker.listener.name=PLAINTEXT',
    `log.dirs=${dataDir}`,
    // A topic exists because weft provisioned it: a typo in a topic name fails loudly
    // instead of creating an empty topic nobody reads.
    'auto.create.topics.enable=false',
    // Three copies where there are three nodes, of which two must have every acked write;
    // a lone node can only keep one.
    'num.partitions=3',
    `default.replication.factor=${factor}`,
    `min.insync.replicas=${minInsync}`,
    `offsets.topic.replication.factor=${factor}`,
    `transaction.state.log.replication.factor=${factor}`,
    `transaction.state.log.min.isr=${minInsync}`,
    // Tests and a developer's runs start consumer groups all the time: do not make the first
    // member wait 3 s for company.
    'group.initial.rebalance.delay.ms=0',
    // A developer machine: keep a day, in segments small enough for retention to reclaim them.
    'log.retention.hours=24',
    'log.segment.bytes=67108864',
    '',
  ].join('\n');
}

/** A cluster id as Kafka's `Uuid.randomUuid()` makes it: 16 random bytes, base64url, never starting with '-'. */
function randomClusterId(): string {
  for (;;) {
    const id = randomBytes(16).toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}

/**
 * Every node of a cluster must be formatted with one cluster id: it is chosen once per home
 * and kept, so a node formatted later (or again) joins the same cluster.
 */
async function clusterIdOf(home: string): Promise<string> {
  const file = join(home, 'kafka-cluster-id');
  try {
    return (await readFile(file, 'utf8')).trim();
  } catch (err) {
    if (systemErrorCode(err) !== 'ENOENT') throw err;
  }
  const id = randomClusterId();
  await writeFile(file, `${id}\n`);
  return id;
}

async function formatStorageOnce(
  java: string,
  jarsDir: string,
  paths: KafkaPaths,
  clusterId: string,
): Promise<boolean> {
  try {
    await access(join(paths.dataDir, 'meta.properties'));
    return false;
  } catch {
    // not formatted yet
  }
  const result = await runCommand(java, [
    `-Dlog4j2.configurationFile=${paths.log4jConfig}`,
    '-cp',
    join(jarsDir, '*'),
    'kafka.tools.StorageTool',
    'format',
    '-t',
    clusterId,
    '-c',
    paths.serverProperties,
  ]);
  if (result.exitCode !== 0) {
    throw new StackError(
      `formatting Kafka storage in ${paths.dataDir} failed:\n${lastLines(result.output)}`,
      { retriable: false },
    );
  }
  return true;
}

/** Writes one node's configuration, formats its storage if needed and spawns it. Resolves its pid. */
export async function launchKafkaNode(
  config: StackConfig,
  node: KafkaNode,
  java: string,
  jarsDir: string,
): Promise<number> {
  const paths = kafkaPaths(config.home, node.id, config.kafka.nodes.length);
  await mkdir(paths.dataDir, { recursive: true });
  await mkdir(join(config.home, 'logs'), { recursive: true });
  await writeFile(paths.serverProperties, serverProperties(config, node, paths.dataDir));
  await copyFile(join(await kafkaAssetsDir(), 'log4j2.properties'), paths.log4jConfig);
  await formatStorageOnce(java, jarsDir, paths, await clusterIdOf(config.home));
  await appendFile(
    paths.logFile,
    `\n${START_HEADER} Kafka node ${node.id} on ${nodeAddress(config, node)} (${new Date().toISOString()})\n`,
  );
  return spawnDetached({
    command: java,
    args: [
      `-Xmx${config.kafka.heap}`,
      '-Djava.awt.headless=true',
      `-Dlog4j2.configurationFile=${paths.log4jConfig}`,
      `-Dkafka.logs.dir=${join(config.home, 'logs')}`,
      '-cp',
      join(jarsDir, '*'),
      'kafka.Kafka',
      paths.serverProperties,
    ],
    cwd: paths.dir,
    logFile: paths.logFile,
  });
}

/**
 * True when a Kafka broker at `address` answers a metadata request that lists at least
 * `brokers` live brokers (a node of a cluster answers before the others have registered).
 */
export async function kafkaAnswers(
  address: string,
  timeoutMs = 2_000,
  brokers = 1,
): Promise<boolean> {
  const admin = new Kafka({
    clientId: 'weft-stack',
    brokers: [address],
    logLevel: logLevel.NOTHING,
    connectionTimeout: timeoutMs,
    requestTimeout: timeoutMs,
    retry: { retries: 0 },
  }).admin();
  try {
    await admin.connect();
    return (await admin.describeCluster()).brokers.length >= brokers;
  } catch {
    return false;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

/**
 * Waits until a freshly spawned node answers; fails at once, with its log, if it exits. The
 * nodes of a cluster are all spawned before any is waited for: none answers before a
 * majority of the controller quorum is up, and it is ready once it sees every node, so that
 * topics made next get all their copies. Three JVMs starting on two cores take a while.
 */
export async function waitForKafkaNode(
  config: StackConfig,
  node: KafkaNode,
  pid: number,
  timeoutMs = 60_000 * config.kafka.nodes.length,
): Promise<void> {
  const { logFile } = kafkaPaths(config.home, node.id, config.kafka.nodes.length);
  const address = nodeAddress(config, node);
  const ready = await waitUntil(
    async () => {
      if (!(await isAlive(pid))) {
        throw new StackError(
          `the Kafka broker (pid ${pid}) exited while starting; ${logFile} ends with:\n` +
            (await tailOf(logFile)),
          { retriable: false },
        );
      }
      return (await kafkaAnswers(address, 1_000, config.kafka.nodes.length)) ? true : undefined;
    },
    { timeoutMs, intervalMs: 250 },
  );
  if (!ready) {
    throw new StackError(
      `the Kafka broker (pid ${pid}) did not answer on ${address} within ` +
        `${timeoutMs / 1000} s; ${logFile} ends with:\n${await tailOf(logFile)}`,
      { retriable: true },
    );
  }
}
