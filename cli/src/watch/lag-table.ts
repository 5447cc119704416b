/** `weft lag`'s figures: each service group's lag per partition, and per group in all. */
import type { PartitionLag } from '@weft/kafka';

export interface GroupLag {
  service: string;
  groupId: string;
  /** The group's state on the broker (Stable, Empty, Dead: never joined…). */
  state: string;
  members: number;
  committed: number;
  end: number;
  lag: number;
}

/** Per-group totals of the partition rows, in the order the groups are given. */
export function groupTotals(
  groups: readonly { service: string; groupId: string; state: string; members: number }[],
  rows: readonly PartitionLag[],
): GroupLag[] {
  return groups.map((g) => {
    const own = rows.filter((r) => r.groupId === g.groupId);
    const sum = (pick: (r: PartitionLag) => number) => own.reduce((n, r) => n + pick(r), 0);
    return {
      ...g,
      committed: sum((r) => r.committed),
      end: sum((r) => r.end),
      lag: sum((r) => r.lag),
    };
  });
}

function table(header: string[], rows: string[][], rightAligned: ReadonlySet<number>): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  return [header, ...rows].map((row) =>
    row
      .map((cell, i) =>
        rightAligned.has(i) ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0),
      )
      .join('  ')
      .trimEnd(),
  );
}

const int = (n: number) => n.toLocaleString('en-US');

/** The partition table, then the groups' totals. Topics are shown without the run's prefix. */
export function formatLag(
  rows: readonly PartitionLag[],
  totals: readonly GroupLag[],
  topicPrefix: string,
): string[] {
  const partitions = table(
    ['group', 'topic', 'partition', 'committed', 'end', 'lag'],
    rows.map((r) => [
      r.groupId,
      r.topic.startsWith(topicPrefix) ? r.topic.slice(topicPrefix.length) : r.topic,
      String(r.partition),
      int(r.committed),
      int(r.end),
      int(r.lag),
    ]),
    new Set([2, 3, 4, 5]),
  );
  const groups = table(
    ['group', 'state', 'members', 'committed', 'end', 'lag'],
    totals.map((g) => [
      g.groupId,
      g.state,
      String(g.members),
      int(g.committed),
      int(g.end),
      int(g.lag),
    ]),
    new Set([2, 3, 4, 5]),
  );
  return [...partitions, '', ...groups];
}
