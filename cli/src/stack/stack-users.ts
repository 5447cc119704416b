/**
 * Who is using the stack of a home: one file per user under `<home>/users`, holding its pid
 * and that process's start time, written when a run takes the stack and removed when it lets
 * go. A user whose process is gone (a run killed with -9) no longer counts, and its file is
 * swept away; the start time tells a pid the kernel gave to another process since.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { isAlive, startTicksOf } from './processes';
import { systemErrorCode } from './stack-errors';

const userRecord = z.object({
  pid: z.number().int().positive(),
  /** Field 22 of /proc/<pid>/stat: clock ticks after boot, fixed for the process's life. */
  startTicks: z.string(),
  since: z.string(),
});
export type StackUser = z.infer<typeof userRecord> & { id: string };

function usersDir(home: string): string {
  return join(home, 'users');
}

/** Records this process as a user of the stack; resolves the id that `removeUser` takes. */
export async function addUser(home: string): Promise<string> {
  const startTicks = (await startTicksOf(process.pid)) ?? '';
  const id = `${process.pid}-${randomBytes(4).toString('hex')}`;
  await mkdir(usersDir(home), { recursive: true });
  const record = { pid: process.pid, startTicks, since: new Date().toISOString() };
  await writeFile(join(usersDir(home), `${id}.json`), `${JSON.stringify(record)}\n`);
  return id;
}

export async function removeUser(home: string, id: string): Promise<void> {
  await rm(join(usersDir(home), `${id}.json`), { force: true });
}

/** The users whose process still runs; the files of the others (and unreadable ones) are removed. */
export async function liveUsers(home: string): Promise<StackUser[]> {
  let names: string[];
  try {
    names = await readdir(usersDir(home));
  } catch (err) {
    if (systemErrorCode(err) === 'ENOENT') return [];
    throw err;
  }
  const live: StackUser[] = [];
  for (const name of names.filter((n) => n.endsWith('.json'))) {
    const file = join(usersDir(home), name);
    const user = await readUser(file);
    if (user && (await stillRunning(user))) {
      live.push({ ...user, id: name.slice(0, -'.json'.length) });
    } else {
      await rm(file, { force: true });
    }
  }
  return live;
}

async function stillRunning(user: z.infer<typeof userRecord>): Promise<boolean> {
  // Without /proc (not Linux) no start time was recorded: the pid alone has to do.
  if (user.startTicks === '') return isAlive(user.pid);
  return (await startTicksOf(user.pid)) === user.startTicks;
}

async function readUser(file: string): Promise<z.infer<typeof userRecord> | undefined> {
  try {
    const parsed = userRecord.safeParse(JSON.parse(await readFile(file, 'utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    // Half-written by a process that died in writeFile, or removed meanwhile: not a user.
    return undefined;
  }
}

/** Forgets every user: after `down --force`, nobody holds the stopped stack any more. */
export async function forgetUsers(home: string): Promise<void> {
  await rm(usersDir(home), { recursive: true, force: true });
}
