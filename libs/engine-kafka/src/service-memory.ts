/** Resident memory of a run's service processes, read from Linux's /proc (0 elsewhere). */
import { readFile } from 'node:fs/promises';
import type { ServiceProcess } from './service-processes';

/** A process's resident memory in KB, or 0 when it cannot be read (exited, not Linux). */
export async function pidRssKb(pid: number | undefined): Promise<number> {
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  } catch {
    return 0;
  }
}

const rssKb = (p: ServiceProcess) => pidRssKb(p.child.pid);

/** One process's resident memory, in MB. */
export async function rssMb(p: ServiceProcess): Promise<number> {
  return Math.round((await rssKb(p)) / 1024);
}

/** Resident memory of the service processes together, in MB. */
export async function totalRssMb(processes: readonly ServiceProcess[]): Promise<number> {
  const kb = await Promise.all(processes.map(rssKb));
  return Math.round(kb.reduce((a, b) => a + b, 0) / 1024);
}
