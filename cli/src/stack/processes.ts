/** Detached processes by pid: spawn with a log file, check identity through /proc, stop politely then firmly. */
import { spawn } from 'node:child_process';
import { open, readFile, readlink, realpath } from 'node:fs/promises';
import { systemErrorCode } from './stack-errors';
import { waitUntil } from './wait-until';

export interface DetachedSpec {
  command: string;
  args: string[];
  cwd: string;
  /** stdout and stderr are appended here. */
  logFile: string;
}

/**
 * Starts a process in its own session and process group, so it outlives the CLI and a
 * Ctrl-C in the terminal does not reach it. Resolves with its pid once it is spawned.
 */
export async function spawnDetached(spec: DetachedSpec): Promise<number> {
  const log = await open(spec.logFile, 'a');
  try {
    const child = spawn(spec.command, spec.args, {
      cwd: spec.cwd,
      detached: true,
      stdio: ['ignore', log.fd, log.fd],
    });
    const pid = await new Promise<number>((resolvePid, reject) => {
      child.once('error', reject);
      child.once('spawn', () =>
        child.pid === undefined ? reject(new Error('no pid')) : resolvePid(child.pid),
      );
    });
    child.unref();
    return pid;
  } finally {
    await log.close();
  }
}

/** Alive means it exists and is not a zombie waiting to be reaped. */
export async function isAlive(pid: number): Promise<boolean> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return state !== 'Z' && state !== 'X';
  } catch {
    return signalReaches(pid);
  }
}

function signalReaches(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return systemErrorCode(err) === 'EPERM';
  }
}

/**
 * Field 22 of /proc/<pid>/stat: clock ticks after boot, fixed for the process's life, so a
 * pid the kernel has given to another process since shows a different value. Undefined
 * when the process is gone (or a zombie) or there is no /proc.
 */
export async function startTicksOf(pid: number): Promise<string | undefined> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which may itself hold spaces and parentheses.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const state = fields[0];
    return state === 'Z' || state === 'X' ? undefined : fields[19];
  } catch {
    return undefined;
  }
}

/** The command line of a live process, arguments joined by spaces ('' if it is gone). */
export async function commandLine(pid: number): Promise<string> {
  try {
    const raw = await readFile(`/proc/${pid}/cmdline`, 'utf8');
    return raw.split('\0').filter(Boolean).join(' ');
  } catch {
    return '';
  }
}

/** What a process of ours looks like in /proc: words of its command line and its working directory. */
export interface ProcessIdentity {
  cmdlineMarkers: string[];
  cwd: string;
}

/**
 * True when `pid` is alive and looks like the process we spawned: a pid recorded days ago may
 * now belong to another program, which we must never signal. The working directory (a
 * directory under the stack home) tells our redis-server from the machine's own one.
 */
export async function isOurProcess(pid: number, identity: ProcessIdentity): Promise<boolean> {
  if (!(await isAlive(pid))) return false;
  const cmdline = await commandLine(pid);
  if (!identity.cmdlineMarkers.every((marker) => cmdline.includes(marker))) return false;
  try {
    const [actual, expected] = await Promise.all([
      readlink(`/proc/${pid}/cwd`),
      realpath(identity.cwd),
    ]);
    return actual === expected;
  } catch {
    // Not readable (another user's process) or our directory is gone: not provably ours.
    return false;
  }
}

/** SIGTERM, wait up to `graceMs` for the exit, then SIGKILL. Resolves how it ended. */
export async function stopProcess(pid: number, graceMs = 15_000): Promise<'terminated' | 'killed'> {
  sendSignal(pid, 'SIGTERM');
  const exited = await waitUntil(async () => ((await isAlive(pid)) ? undefined : true), {
    timeoutMs: graceMs,
    intervalMs: 100,
  });
  if (exited) return 'terminated';
  sendSignal(pid, 'SIGKILL');
  await waitUntil(async () => ((await isAlive(pid)) ? undefined : true), {
    timeoutMs: 5_000,
    intervalMs: 100,
  });
  return 'killed';
}

function sendSignal(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch (err) {
    // ESRCH: it exited between our check and the signal, which is what we wanted.
    if (systemErrorCode(err) !== 'ESRCH') throw err;
  }
}

/** Written into a log file before each start, so a failure report shows only that start. */
export const START_HEADER = '=== weft stack up:';

/**
 * The last lines of the latest start in a log file, to explain why a process died. Java stack
 * frames are left out: the ERROR and `Caused by:` lines say what happened.
 */
export async function tailOf(file: string, lines = 20): Promise<string> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return '(no log written)';
  }
  const latestStart = text.slice(Math.max(0, text.lastIndexOf(START_HEADER)));
  return latestStart
    .trimEnd()
    .split('\n')
    .filter((line) => !/^\s+(at |\.\.\. \d+ more)/.test(line))
    .slice(-lines)
    .join('\n');
}
