/** The short tables `up` and `status` print: what runs where, and who started it. */
import type { StackStatus } from './stack-status';
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
    s.pid === undefined ? '-' : String(s.pid),
    s.owner === 'ours' ? 'ours (weft)' : 'external',
    s.action,
  ]);
  return formatTable(['service', 'address', 'pid', 'started by', 'this run'], rows);
}

export function formatStatusTable(status: StackStatus): string[] {
  const rows = [status.kafka, status.redis].map((s) => [
    s.service,
    s.address,
    s.pid === undefined ? '-' : String(s.pid),
    s.owner,
    s.answering ? 'answering' : 'not answering',
  ]);
  return formatTable(['service', 'address', 'pid', 'started by', 'state'], rows);
}
