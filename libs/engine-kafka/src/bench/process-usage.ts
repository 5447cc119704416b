/**
 * CPU and memory of the processes a bench watches, from Linux's /proc: CPU seconds
 * (user + system) and resident memory. Elsewhere, or for a process gone, nothing is read.
 */
import { readFile } from 'node:fs/promises';
import { pidRssKb } from '../service-memory';

/** Clock ticks per second of /proc/<pid>/stat's CPU times (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = 100;

export interface WatchedProcess {
  name: string;
  pid: number;
}

export interface ProcessFigures {
  name: string;
  pid: number;
  /** Mean share of one core over the watch (1 = one core busy). */
  cpuCores: number;
  cpuSeconds: number;
  peakRssMb: number;
}

interface Reading {
  cpuSeconds: number;
  rssMb: number;
}

async function read(pid: number): Promise<Reading | null> {
  try {
    const [stat, rssKb] = await Promise.all([readFile(`/proc/${pid}/stat`, 'utf8'), pidRssKb(pid)]);
    // The command name may hold spaces: fields are counted after its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14, 15)
    return { cpuSeconds: ticks / TICKS_PER_SECOND, rssMb: rssKb / 1024 };
  } catch {
    return null;
  }
}

export class ProcessUsage {
  private readonly first = new Map<number, Reading>();
  private readonly last = new Map<number, Reading>();
  private readonly peak = new Map<number, number>();
  private startedMs = 0;
  private lastMs = 0;

  constructor(private readonly processes: readonly WatchedProcess[]) {}

  async sample(wallMs = Date.now()): Promise<void> {
    if (this.startedMs === 0) this.startedMs = wallMs;
    this.lastMs = wallMs;
    await Promise.all(
      this.processes.map(async (p) => {
        const r = await read(p.pid);
        if (!r) return;
        if (!this.first.has(p.pid)) this.first.set(p.pid, r);
        this.last.set(p.pid, r);
        this.peak.set(p.pid, Math.max(this.peak.get(p.pid) ?? 0, r.rssMb));
      }),
    );
  }

  figures(): ProcessFigures[] {
    const seconds = Math.max(0.001, (this.lastMs - this.startedMs) / 1000);
    return this.processes.flatMap((p) => {
      const a = this.first.get(p.pid);
      const b = this.last.get(p.pid);
      if (!a || !b) return [];
      const cpuSeconds = b.cpuSeconds - a.cpuSeconds;
      return [
        {
          name: p.name,
          pid: p.pid,
          cpuCores: Math.round((cpuSeconds / seconds) * 100) / 100,
          cpuSeconds: Math.round(cpuSeconds * 10) / 10,
          peakRssMb: Math.round(this.peak.get(p.pid) ?? 0),
        },
      ];
    });
  }
}
