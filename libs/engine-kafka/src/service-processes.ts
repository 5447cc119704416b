/** The six services of a distributed run, each a separate Node process. */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { createServer } from 'node:net';
import { basename, join, resolve } from 'node:path';

// The compiled services: found from this compiled library (dist/libs/engine-kafka/src) or,
// under the test runner, from its sources (libs/engine-kafka/src) next to a built dist/.
const UP = resolve(__dirname, '..', '..', '..');
const DIST = basename(UP) === 'dist' ? UP : join(UP, 'dist');

export interface ServiceProcess {
  service: string;
  instanceId: string;
  port: number;
  child: ChildProcess;
  exited: Promise<number | null>;
  /** The last few KB of the process's output, for an error that says why it exited. */
  lastOutput: () => string;
}

const OUTPUT_TAIL_CHARS = 4_000;

export function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const server = createServer();
    server.unref();
    server.on('error', rej);
    server.listen(0, '127.0.0.1', () => {
      const a = server.address();
      const port = typeof a === 'object' && a ? a.port : 0;
      server.close(() => res(port));
    });
  });
}

export async function startService(
  service: string,
  instance: number,
  env: Record<string, string>,
  logDir: string,
): Promise<ServiceProcess> {
  await mkdir(logDir, { recursive: true });
  const instanceId = `${service}-${instance}`;
  const port = await freePort();
  const log = createWriteStream(join(logDir, `${instanceId}.log`), { flags: 'a' });
  // WEFT_CPU_PROF_DIR=dir writes a V8 CPU profile of each service there when it exits
  // (open it in Chrome DevTools or speedscope to see where a service's time goes).
  const profDir = process.env.WEFT_CPU_PROF_DIR;
  const execArgv = profDir ? ['--cpu-prof', `--cpu-prof-dir=${resolve(profDir)}`] : [];
  const main = join(DIST, 'apps', service, 'src', 'main.js');
  const child = spawn(process.execPath, [...execArgv, main], {
    env: {
      ...process.env,
      ...env,
      WEFT_INSTANCE_ID: instanceId,
      WEFT_HTTP_PORT: String(port),
      WEFT_HTTP_HOST: '127.0.0.1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  let tail = '';
  const keep = (chunk: Buffer) => {
    tail = (tail + chunk.toString('utf8')).slice(-OUTPUT_TAIL_CHARS);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  return { service, instanceId, port, child, exited, lastOutput: () => tail };
}

/** Polls /health until it answers, the process exits, or the deadline passes (a busy 2-core machine can take most of a minute to start nine Node processes). */
export async function awaitHealthy(p: ServiceProcess, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (p.child.exitCode !== null)
      throw new Error(
        `${p.instanceId} exited with code ${p.child.exitCode}; its last output:\n${p.lastOutput()}`,
      );
    try {
      const res = await fetch(`http://127.0.0.1:${p.port}/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${p.instanceId} did not answer /health within ${timeoutMs} ms`);
}

export async function stopService(
  p: ServiceProcess,
  signal: NodeJS.Signals = 'SIGTERM',
): Promise<number | null> {
  if (p.child.exitCode !== null) return p.child.exitCode;
  p.child.kill(signal);
  const timeout = new Promise<null>((r) => setTimeout(() => r(null), 15_000).unref());
  const code = await Promise.race([p.exited, timeout]);
  if (p.child.exitCode === null) p.child.kill('SIGKILL');
  return code;
}
