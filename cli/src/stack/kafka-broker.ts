/** A single-node KRaft Kafka broker under `<home>/kafka`: configure, format once, launch, wait until it answers. */
import { randomBytes } from 'node:crypto';
import { access, appendFile, copyFile, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { lastLines, runCommand } from './commands';
import { kafkaAssetsDir } from './kafka-runtime';
import { isAlive, spawnDetached, START_HEADER, tailOf, type ProcessIdentity } from './processes';
import { kafkaAddress, type StackConfig } from './stack-config';
import { StackError } from './stack-errors';
import { waitUntil } from './wait-until';

export interface KafkaPaths {
  dir: string;
  dataDir: string;
  serverProperties: string;
  log4jProperties: string;
  logFile: string;
}

export function kafkaPaths(home: string): KafkaPaths {
  const dir = join(home, 'kafka');
  return {
    dir,
    dataDir: join(dir, 'data'),
    serverProperties: join(dir, 'server.properties'),
    log4jProperties: join(dir, 'log4j.properties'),
    logFile: join(home, 'logs', 'kafka.log'),
  };
}

/** Our broker: the main class and this home's config file on its command line, run from `<home>/kafka`. */
export function kafkaIdentity(home: string): ProcessIdentity {
  const paths = kafkaPaths(home);
  return { cmdlineMarkers: ['kafka.Kafka', paths.serverProperties], cwd: paths.dir };
}

export function serverProperties(config: StackConfig, dataDir: string): string {
  const { host, port, controllerPort } = config.kafka;
  return [
    '# Written by `weft stack up` on every start; edit WEFT_* variables instead.',
    'process.roles=broker,controller',
    'node.id=1',
    `controller.quorum.voters=1@${host}:${controllerPort}`,
    `listeners=PLAINTEXT://${host}:${port},CONTROLLER://${host}:${controllerPort}`,
    `advertised.listeners=PLAINTEXT://${host}:${port}`,
    'listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
    'controller.listener.names=CONTROLLER',
    'inter.broker.listener.name=PLAINTEXT',
    `log.dirs=${dataDir}`,
    // One node: every internal topic can only have one replica.
    'num.partitions=3',
    'default.replication.factor=1',
    'min.insync.replicas=1',
    'offsets.topic.replication.factor=1',
    'transaction.state.log.replication.factor=1',
    'transaction.state.log.min.isr=1',
    // No one else will join: do not make the first consumer group wait 3 s for company.
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

async function formatStorageOnce(
  java: string,
  jarsDir: string,
  paths: KafkaPaths,
): Promise<boolean> {
  try {
    await access(join(paths.dataDir, 'meta.properties'));
    return false;
  } catch {
    // not formatted yet
  }
  const result = await runCommand(java, [
    `-Dlog4j.configuration=file:${paths.log4jProperties}`,
    '-cp',
    join(jarsDir, '*'),
    'kafka.tools.StorageTool',
    'format',
    '-t',
    randomClusterId(),
    '-c',
    paths.serverProperties,
  ]);
  if (result.exitCode !== 0) {
    throw new StackError(
      `formatting Kafka storage in ${paths.dataDir} failed:\n${lastLines(result.output)}`,
      {
        retriable: false,
      },
    );
  }
  return true;
}

/** Writes the configuration, formats storage if needed and spawns the broker. Resolves its pid. */
export async function launchKafkaBroker(
  config: StackConfig,
  java: string,
  jarsDir: string,
): Promise<number> {
  const paths = kafkaPaths(config.home);
  await mkdir(paths.dataDir, { recursive: true });
  await mkdir(join(config.home, 'logs'), { recursive: true });
  await writeFile(paths.serverProperties, serverProperties(config, paths.dataDir));
  await copyFile(join(await kafkaAssetsDir(), 'log4j.properties'), paths.log4jProperties);
  await formatStorageOnce(java, jarsDir, paths);
  await appendFile(
    paths.logFile,
    `\n${START_HEADER} Kafka on ${kafkaAddress(config)} (${new Date().toISOString()})\n`,
  );
  return spawnDetached({
    command: java,
    args: [
      `-Xmx${config.kafka.heap}`,
      '-Djava.awt.headless=true',
      `-Dlog4j.configuration=file:${paths.log4jProperties}`,
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

/** True when a Kafka broker at `address` answers a metadata request. */
export async function kafkaAnswers(address: string, timeoutMs = 2_000): Promise<boolean> {
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
    await admin.describeCluster();
    return true;
  } catch {
    return false;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

/** Waits until our freshly spawned broker answers; fails at once, with its log, if it exits. */
export async function waitForKafkaBroker(
  config: StackConfig,
  pid: number,
  timeoutMs = 60_000,
): Promise<void> {
  const { logFile } = kafkaPaths(config.home);
  const ready = await waitUntil(
    async () => {
      if (!(await isAlive(pid))) {
        throw new StackError(
          `the Kafka broker (pid ${pid}) exited while starting; ${logFile} ends with:\n` +
            (await tailOf(logFile)),
          { retriable: false },
        );
      }
      return (await kafkaAnswers(kafkaAddress(config), 1_000)) ? true : undefined;
    },
    { timeoutMs, intervalMs: 250 },
  );
  if (!ready) {
    throw new StackError(
      `the Kafka broker (pid ${pid}) did not answer on ${kafkaAddress(config)} within ` +
        `${timeoutMs / 1000} s; ${logFile} ends with:\n${await tailOf(logFile)}`,
      { retriable: true },
    );
  }
}
