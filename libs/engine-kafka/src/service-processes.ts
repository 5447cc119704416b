/** The seven services of a distributed run, each a separate Node process. */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdir, open } from 'node:fs/promises';
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
  /** Where its stdout and stderr go. */
  logFile: string;
  /** The last few KB of the process's output, for an error that says why it exited. */
  lastOutput: () => Promise<string>;
}

export interface StartOptions {
  /**
   * In a process group of its own, writing straight to its log file: it outlives the
   * driver (a kept run) and a Ctrl-C in the driver's terminal does not reach it.
   */
  detached?: boolean;
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
  options: StartOptions = {},
): Promise<ServiceProcess> {
  await mkdir(logDir, { recursive: true });
  const instanceId = `${service}-${instance}`;
  const port = await freePort();
  const logFile = join(logDir, `${instanceId}.log`);
  // WEFT_CPU_PROF_DIR=dir writes a V8 CPU profile of each service there when it exits
  // (open it in Chrome DevTools or speedscope to see where a service's time goes).
  const profDir = process.env.WEFT_CPU_PROF_DIR;
  const execArgv = profDir ? ['--cpu-prof', `--cpu-prof-dir=${resolve(profDir)}`] : [];
  const main = join(DIST, 'apps', service, 'src', 'main.js');
  const spawnEnv = {
    ...process.env,
    ...env,
    WEFT_INSTANCE_ID: instanceId,
    WEFT_HTTP_PORT: String(port),
    WEFT_HTTP_HOST: '127.0.0.1',
  };
  const started = { service, instanceId, port, logFile };
  if (options.detached) {
    const log = await open(logFile, 'a');
    try {
      const child = spawn(process.execPath, [...execArgv, main], {
        env: spawnEnv,
        detached: true,
        stdio: ['ignore', log.fd, log.fd],
      });
      child.unref();
      const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
      return { ...started, child, exited, lastOutput: () => fileTail(logFile) };
    } finally {
      await log.close();
    }
  }
  const child = spawn(process.execPath, [...execArgv, main], {
    env: spawnEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log = createWriteStream(logFile, { flags: 'a' });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  let tail = '';
  const keep = (chunk: Buffer) => {
    tail = (tail + chunk.toString('utf8')).slice(-OUTPUT_TAIL_CHARS);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  return { ...started, child, exited, lastOutput: () => Promise.resolve(tail) };
}

/** The last OUTPUT_TAIL_CHARS of a log file ('' when there is none). */
async function fileTail(file: string): Promise<string> {
  try {
    const handle = await open(file, 'r');
    try {
      const { size } = await handle.stat();
      const length = Math.min(size, OUTPUT_TAIL_CHARS);
      const buffer = Buffer.alloc(length);
      await handle.read(buffer, 0, length, size - length);
      return buffer.toString('utf8');
    } finally {
      await handle.close();
    }
  } catch {
    return '';
  }
}

/** Polls /health until it answers, the process exits, or the deadline passes (a busy 2-core machine can take most of a minute to start nine Node processes). */
export async function awaitHealthy(p: ServiceProcess, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (p.child.exitCode !== null)
      throw new Error(
        `${p.instanceId} exited with code ${p.child.exitCode}; its last output:\n${await p.lastOutput()}`,
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
