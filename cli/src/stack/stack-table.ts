/** The short tables `up` and `status` print: what runs where, and who started it. */
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
  return formatTable(['service', 'address', 'pid', 'started by', 'state'], rows);
}
