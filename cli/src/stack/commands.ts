/** One-shot external commands: find them on PATH, run them to completion, keep their output. */
import { spawn } from 'node:child_process';
import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import { delimiter, join } from 'node:path';

/** The absolute path of an executable found on PATH or in `extraDirs`, or undefined. */
export async function findExecutable(
  name: string,
  extraDirs: string[] = [],
): Promise<string | undefined> {
  const dirs = [...(process.env.PATH ?? '').split(delimiter).filter(Boolean), ...extraDirs];
  for (const dir of dirs) {
    const candidate = join(dir, name);
    try {
      await access(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this directory; try the next
    }
  }
  return undefined;
}

export interface CommandResult {
  exitCode: number;
  /** stdout and stderr interleaved, as a terminal would show them. */
  output: string;
}

export interface RunOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Called with each complete output line, for commands whose progress the user should see. */
  onLine?: (line: string) => void;
}

/** Runs a command to completion; never throws for a non-zero exit (the caller decides). */
export function runCommand(
  command: string,
  args: string[],
  options: RunOptions = {},
): Promise<CommandResult> {
  return new Promise((resolveResult, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    let partial = '';
    const collect = (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      output += text;
      if (!options.onLine) return;
      const lines = (partial + text).split('\n');
      partial = lines.pop() ?? '';
      lines.forEach((line) => options.onLine?.(line));
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.once('error', reject);
    child.once('close', (code, signal) => {
      if (partial && options.onLine) options.onLine(partial);
      resolveResult({ exitCode: code ?? (signal ? 128 : 1), output });
    });
  });
}

export function lastLines(text: string, count = 20): string {
  return text.trimEnd().split('\n').slice(-count).join('\n');
}
