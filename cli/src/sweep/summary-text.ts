/** The short table `weft sweep` prints: each point's parameters and a few KPIs as mean ± half-width. */
import type { KPIS } from './kpis';
import type { SweepParam } from './param-values';
import type { PointSummary } from './summary';

/** The figures a reader of a sweep looks for first; the files hold every column. */
export const HEADLINE_KPIS: readonly (keyof typeof KPIS)[] = [
  'deliveredShare',
  'leadP90',
  'meanWinningMarkup',
  'workerIncomePerWorkerDay',
  'shopShare',
  'platformShare',
];

const fmt = (x: number) => (Number.isFinite(x) ? String(Number(x.toPrecision(4))) : '–');

export function formatSummary(params: SweepParam[], summary: PointSummary[]): string {
  const heads = [...params.map((p) => p.path), 'n', ...HEADLINE_KPIS];
  const rows = summary.map((s) => [
    ...params.map((p) => fmt(s.point.values[p.path] ?? NaN)),
    String(s.n),
    ...HEADLINE_KPIS.map((k) => {
      const i = s.kpis[k];
      return i ? `${fmt(i.mean)} ±${fmt(i.ci95High - i.mean)}` : '–';
    }),
  ]);
  const widths = heads.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, c) => (c < params.length ? cell.padEnd(widths[c]) : cell.padStart(widths[c])))
      .join('  ');
  return [line(heads), line(widths.map((w) => '─'.repeat(w))), ...rows.map(line)].join('\n');
}
