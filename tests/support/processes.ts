/** Starting the compiled services as real processes, as a user or an orchestrator would. */
import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** The port picker the CLI uses for the services it starts. */
export { freePort } from '@weft/engine-kafka';

export const REPO_ROOT = join(__dirname, '..', '..');

export function serviceEntry(service: string): string {
  const entry = join(REPO_ROOT, 'dist', 'apps', service, 'src', 'main.js');
  if (!existsSync(entry)) throw new Error(`${entry} is missing: run \`npm run build\` first`);
  return entry;
}

export interface RunningProcess {
  child: ChildProcess;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export function startProcess(
  entry: string,
  env: Record<string, string>,
  args: string[] = [],
): RunningProcess {
  const child = spawn(process.execPath, [entry, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, output: () => out, exited };
}

/** Resolves with the exit, or rejects if the process is still running after `ms`. */
export function exitWithin(p: RunningProcess, ms: number) {
  return Promise.race([
    p.exited,
    new Promise<never>((_, reject) =>
      setTimeout(
        () => reject(new Error(`still running after ${ms} ms:\n${p.output()}`)),
        ms,
      ).unref(),
    ),
  ]);
}
