/**
 * A redis-server of a test's own, on free loopback ports, that asks for a password (and
 * has a second, named user) and also listens with TLS. The shared Redis is never touched.
 * Stopped by its pid, its directory removed.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventually } from './test-env';
import { freeLoopbackPort } from './secure-kafka-broker';
import { makeTestCerts } from './test-certs';

export interface SecureRedis {
  port: number;
  tlsPort: number;
  /** The default user's password (requirepass). */
  password: string;
  /** A named ACL user. */
  user: { username: string; password: string };
  caPem: string;
  caFile: string;
  stop(): Promise<void>;
}

export async function startSecureRedis(): Promise<SecureRedis> {
  const dir = await mkdtemp(join(tmpdir(), 'weft-secure-redis-'));
  const certs = await makeTestCerts(dir, randomBytes(8).toString('hex'));
  const password = randomBytes(12).toString('hex');
  const user = { username: 'weft-app', password: randomBytes(12).toString('hex') };
  const port = await freeLoopbackPort();
  const tlsPort = await freeLoopbackPort();
  const config = join(dir, 'redis.conf');
  await writeFile(
    config,
    [
      'bind 127.0.0.1',
      `port ${port}`,
      `tls-port ${tlsPort}`,
      `tls-cert-file ${certs.certFile}`,
      `tls-key-file ${certs.keyFile}`,
      `tls-ca-cert-file ${certs.caFile}`,
      'tls-auth-clients no',
      `requirepass ${password}`,
      `user ${user.username} on >${user.password} ~* &* +@all`,
      `dir ${dir}`,
      'save ""',
      'appendonly no',
      'loglevel warning',
      '',
    ].join('\n'),
  );
  const child = spawn('redis-server', [config], { cwd: dir, stdio: 'ignore' });
  const stop = async () => {
    if (child.pid !== undefined && child.exitCode === null) {
      const exit = new Promise((r) => child.once('exit', r));
      process.kill(child.pid, 'SIGTERM');
      await exit;
    }
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await eventually(
      `redis-server on ${port} to answer`,
      async () => {
        if (child.exitCode !== null) throw new Error(`redis-server exited (${child.exitCode})`);
        return (await accepts(port)) ? true : undefined;
      },
      15_000,
      100,
    );
  } catch (err) {
    await stop();
    throw err;
  }
  return { port, tlsPort, password, user, caPem: certs.caPem, caFile: certs.caFile, stop };
}

/** True once the server takes connections (it listens only when ready to serve). */
function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
