/**
 * A single-node KRaft broker of a test's own, on free loopback ports, that asks every
 * client for SCRAM-SHA-512 credentials (SASL_PLAINTEXT and SASL_SSL listeners) and
 * authorizes by ACL. The shared broker on 9092 is never touched. Started from the jars
 * `weft stack` caches, stopped by its pid, its directory removed.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, openSync } from 'node:fs';
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { loadStackConfig } from '../../cli/src/stack';
import { kafkaAssetsDir } from '../../cli/src/stack/kafka-runtime';
import { eventually } from './test-env';
import { makeTestCerts } from './test-certs';

export interface ScramUser {
  username: string;
  password: string;
}

export interface SecureKafkaBroker {
  /** SASL_PLAINTEXT, SCRAM-SHA-512. */
  saslAddress: string;
  /** SASL_SSL, SCRAM-SHA-512, a certificate signed by `caPem`. */
  sslAddress: string;
  caPem: string;
  /** A super user (it creates topics and ACLs). */
  admin: ScramUser;
  /** Users with no rights until an ACL gives them some. */
  users: ScramUser[];
  stop(): Promise<void>;
}

export function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

const secret = () => randomBytes(12).toString('hex');

function serverProperties(o: {
  dir: string;
  ports: { sasl: number; controller: number; ssl: number };
  admin: ScramUser;
  controllerPassword: string;
  p12File: string;
  p12Password: string;
}): string {
  const { sasl, controller, ssl } = o.ports;
  const scram = (user?: ScramUser) =>
    'org.apache.kafka.common.security.scram.ScramLoginModule required' +
    (user ? ` username="${user.username}" password="${user.password}";` : ';');
  return [
    'process.roles=broker,controller',
    'node.id=1',
    `controller.quorum.voters=1@127.0.0.1:${controller}`,
    `listeners=SASL_PLAINTEXT://127.0.0.1:${sasl},SASL_SSL://127.0.0.1:${ssl},CONTROLLER://127.0.0.1:${controller}`,
    `advertised.listeners=SASL_PLAINTEXT://127.0.0.1:${sasl},SASL_SSL://127.0.0.1:${ssl}`,
    'listener.security.protocol.map=SASL_PLAINTEXT:SASL_PLAINTEXT,SASL_SSL:SASL_SSL,CONTROLLER:SASL_PLAINTEXT',
    'inter.broker.listener.name=SASL_PLAINTEXT',
    'sasl.enabled.mechanisms=SCRAM-SHA-512',
    'sasl.mechanism.inter.broker.protocol=SCRAM-SHA-512',
    `listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config=${scram(o.admin)}`,
    `listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config=${scram()}`,
    // The controller cannot check SCRAM before it has read the metadata that holds the
    // credentials, so its own listener uses PLAIN with a static password.
    'controller.listener.names=CONTROLLER',
    'sasl.mechanism.controller.protocol=PLAIN',
    'listener.name.controller.sasl.enabled.mechanisms=PLAIN',
    'listener.name.controller.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required ' +
      `username="${o.admin.username}" password="${o.controllerPassword}" user_${o.admin.username}="${o.controllerPassword}";`,
    'ssl.keystore.type=PKCS12',
    `ssl.keystore.location=${o.p12File}`,
    `ssl.keystore.password=${o.p12Password}`,
    `ssl.key.password=${o.p12Password}`,
    'authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer',
    `super.users=User:${o.admin.username}`,
    'allow.everyone.if.no.acl.found=false',
    `log.dirs=${join(o.dir, 'data')}`,
    'num.partitions=1',
    'offsets.topic.replication.factor=1',
    'offsets.topic.num.partitions=3',
    'transaction.state.log.replication.factor=1',
    'transaction.state.log.min.isr=1',
    'group.initial.rebalance.delay.ms=0',
    '',
  ].join('\n');
}

async function runJava(java: string, args: string[], cwd: string): Promise<string> {
  const child = spawn(java, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr.on('data', (c: Buffer) => (output += c.toString()));
  const code = await new Promise<number | null>((r) => child.on('exit', r));
  if (code !== 0) throw new Error(`${args.slice(-8).join(' ')} exited ${code}:\n${output}`);
  return output;
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise((r) => child.once('exit', () => r()));
}

export async function startSecureKafkaBroker(userNames: string[]): Promise<SecureKafkaBroker> {
  const dir = await mkdtemp(join(tmpdir(), 'weft-secure-kafka-'));
  const jars = join(loadStackConfig().kafka.cacheDir, 'libs', '*');
  const admin = { username: 'admin', password: secret() };
  const users = userNames.map((username) => ({ username, password: secret() }));
  const certs = await makeTestCerts(dir, secret());
  const ports = {
    sasl: await freeLoopbackPort(),
    controller: await freeLoopbackPort(),
    ssl: await freeLoopbackPort(),
  };
  const properties = join(dir, 'server.properties');
  const log4j = join(dir, 'log4j2.properties');
  await writeFile(
    properties,
    serverProperties({ dir, ports, admin, controllerPassword: secret(), ...certs }),
  );
  await copyFile(join(await kafkaAssetsDir(), 'log4j2.properties'), log4j);
  const java = 'java';
  const common = [`-Dlog4j2.configurationFile=${log4j}`, '-cp', jars];
  // SCRAM users are written into the cluster's first metadata, before the broker starts.
  const scram = [admin, ...users].flatMap((u) => [
    '--add-scram',
    `SCRAM-SHA-512=[name=${u.username},password=${u.password}]`,
  ]);
  const clusterId = randomBytes(16).toString('base64url').replace(/^-/, 'A');
  await runJava(
    java,
    [...common, 'kafka.tools.StorageTool', 'format', '-t', clusterId, '-c', properties, ...scram],
    dir,
  );

  // Our log4j config writes to stdout: into a file, read back if the broker dies.
  const log = openSync(join(dir, 'broker.log'), 'a');
  const child = spawn(
    java,
    ['-Xmx256m', '-Djava.awt.headless=true', ...common, 'kafka.Kafka', properties],
    {
      cwd: dir,
      stdio: ['ignore', log, log],
    },
  );
  closeSync(log);
  const stop = async () => {
    if (child.pid !== undefined && child.exitCode === null) {
      process.kill(child.pid, 'SIGTERM');
      const killed = setTimeout(() => child.pid && process.kill(child.pid, 'SIGKILL'), 15_000);
      await exited(child);
      clearTimeout(killed);
    }
    await rm(dir, { recursive: true, force: true });
  };
  const saslAddress = `127.0.0.1:${ports.sasl}`;
  try {
    await eventually(
      `the secured broker on ${saslAddress} to answer`,
      async () => {
        if (child.exitCode !== null)
          throw new Error(`the secured broker exited (${child.exitCode}):\n${await logTail(dir)}`);
        return (await answers(saslAddress, admin)) ? true : undefined;
      },
      60_000,
      250,
    );
  } catch (err) {
    await stop();
    throw err;
  }
  return {
    saslAddress,
    sslAddress: `127.0.0.1:${ports.ssl}`,
    caPem: certs.caPem,
    admin,
    users,
    stop,
  };
}

async function logTail(dir: string): Promise<string> {
  const text = await readFile(join(dir, 'broker.log'), 'utf8').catch(() => '(no broker.log)');
  return text.split('\n').slice(-30).join('\n');
}

async function answers(address: string, user: ScramUser): Promise<boolean> {
  const admin = new Kafka({
    clientId: 'weft-secure-broker-probe',
    brokers: [address],
    sasl: { mechanism: 'scram-sha-512', ...user },
    logLevel: logLevel.NOTHING,
    connectionTimeout: 1_000,
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
