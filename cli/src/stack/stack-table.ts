/** The short tables `up` and `status` print: what runs where, who started it, and the runs on it. */
import type { LiveRun } from './run-records';
import type { ServiceStatus, StackStatus } from './stack-status';
import type { StackUpResult } from './stack-up';

/** One string per line, so a caller can prefix or indent each. */
function formatTable(header: string[], rows: string[][]): string[] {
  const widths = header.map((cell, column) =>
    Math.max(cell.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  return [header, ...rows].map((row) =>
    row
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join('  ')
      .trimEnd(),
  );
}

export function formatUpTable(result: StackUpResult): string[] {
  const rows = [result.kafka, result.redis].map((s) => [
    s.service,
    s.address,
    s.pids?.join(',') ?? (s.pid === undefined ? '-' : String(s.pid)),
    s.owner === 'ours' ? 'ours (weft)' : 'external',
    s.action,
  ]);
  return formatTable(['service', 'address', 'pid', 'started by', 'this run'], rows);
}

function row(s: ServiceStatus): string[] {
  return [
    s.service,
    s.address,
    s.pid === undefined ? '-' : String(s.pid),
    s.owner,
    answeringWord(s.answering),
  ];
}

function answeringWord(answering: boolean): string {
  return answering ? 'answering' : 'not answering';
}

export function formatStatusTable(status: StackStatus): string[] {
  // A cluster: one row per node, so the one that is down shows.
  const kafkaRows =
    status.kafka.nodes && status.kafka.nodes.length > 1
      ? status.kafka.nodes.map((n) => [
          `kafka-${n.id}`,
          n.address,
          n.pid === undefined ? '-' : String(n.pid),
          status.kafka.owner,
          answeringWord(n.answering),
        ])
      : [row(status.kafka)];
  const rows = [...kafkaRows, row(status.redis)];
  const stack = formatTable(['service', 'address', 'pid', 'started by', 'state'], rows);
  if (status.runs.length === 0) return stack;
  return [...stack, '', ...formatRunsTable(status.runs)];
}

/** One row per service process of each run: running, or gone since the run started it. */
export function formatRunsTable(runs: readonly LiveRun[]): string[] {
  const rows = runs.flatMap(({ record, driverAlive, liveServices }) => {
    const state = record.keptAt ? 'kept' : driverAlive ? 'running' : 'driver gone';
    const live = new Set(liveServices.map((s) => s.pid));
    return record.services.map((s) => [
      record.runId,
      state,
      s.instanceId,
      String(s.pid),
      `127.0.0.1:${s.port}`,
      live.has(s.pid) ? 'up' : 'exited',
      s.logFile,
    ]);
  });
  return formatTable(['run', 'run state', 'service', 'pid', 'http', 'process', 'log'], rows);
}
