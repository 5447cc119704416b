/**
 * docs/findings.md from the studies' summaries: for each study its question, what was run,
 * a table of means with 95 % intervals, and the contrasts read off it in sentences.
 */
import { pointLabel } from '../sweep/grid';
import type { MeanInterval, PointSummary } from '../sweep/summary';
import type { Study } from './studies';

export interface WorldResult {
  label: string;
  summary: PointSummary[];
}

export interface StudyResult {
  study: Study;
  worlds: WorldResult[];
}

export interface FindingsMeta {
  seeds: number[];
  scale: number;
  command: string;
}

/** What each KPI is, in words and unit, for the tables and sentences. */
const KPI_TEXT: Record<
  string,
  { name: string; unit: 'share' | 'hours' | 'days' | 'cents' | 'ratio' }
> = {
  workerIncomePerWorkerDay: { name: 'worker income per worker-day', unit: 'cents' },
  hoursPerWorkerDayP50: { name: 'hours per worker-day, median', unit: 'hours' },
  hoursPerWorkerDayP90: { name: 'hours per worker-day, p90', unit: 'hours' },
  over11hShare: { name: 'worker-days over 11 h', unit: 'share' },
  nightShare: { name: 'hours worked at night', unit: 'share' },
  meanWinningMarkup: { name: 'winning mark-up', unit: 'share' },
  labourShare: { name: 'labour’s share of the price', unit: 'share' },
  workshopMarginShare: { name: 'workshop owners’ share of the price', unit: 'share' },
  walkedAwayShare: { name: 'consumers who walked away', unit: 'share' },
  platformShare: { name: 'platform’s share of the price', unit: 'share' },
  shopNetMarginShare: { name: 'shops’ net margin', unit: 'share' },
  leadP50: { name: 'lead time, median', unit: 'hours' },
  leadP90: { name: 'lead time, p90', unit: 'hours' },
  leadP99: { name: 'lead time, p99', unit: 'hours' },
  onTimeShare: { name: 'delivered on time', unit: 'share' },
  cancelledShare: { name: 'orders cancelled', unit: 'share' },
  overtimeShare: { name: 'overtime share of hours', unit: 'share' },
  spikeRecoveryHours: { name: 'hours until lead times recover', unit: 'hours' },
  idleWorkerDayShare: { name: 'worker-days without work', unit: 'share' },
  ownersMarginShare: { name: 'owners’ margin, share of sales', unit: 'share' },
  wholesalerShare: { name: 'wholesaler’s share of the price', unit: 'share' },
  supplyLeadDaysP50: { name: 'from ordering goods to stock, median', unit: 'days' },
  fillRate: { name: 'requests filled from stock', unit: 'share' },
  stockAtEndDays: { name: 'stock left at the end, days of sales', unit: 'days' },
  ownersMarginAfterCapitalShare: {
    name: 'owners’ margin after capital, share of sales',
    unit: 'share',
  },
  capitalCostShare: { name: 'capital cost, share of sales', unit: 'share' },
  manualNetMarginPerLineDay: { name: 'net margin a line-day, manual', unit: 'cents' },
  automatedNetMarginPerLineDay: { name: 'net margin a line-day, automated', unit: 'cents' },
  automatedOrderShare: { name: 'orders won by automated workshops', unit: 'share' },
  meanWinningBid: { name: 'winning bid a unit', unit: 'cents' },
  meanListing: { name: 'listing a unit', unit: 'cents' },
  wageBillShare: { name: 'wage bill, share of sales', unit: 'share' },
};

const NONE: MeanInterval = { n: 0, mean: NaN, sd: NaN, ci95Low: NaN, ci95High: NaN };

const textOf = (kpi: string) => KPI_TEXT[kpi] ?? { name: kpi, unit: 'ratio' as const };

function figure(x: number, unit: string): string {
  if (!Number.isFinite(x)) return '–';
  if (unit === 'share') return `${(100 * x).toFixed(1)} %`;
  if (unit === 'hours') return `${x.toFixed(1)} h`;
  if (unit === 'days') return `${x.toFixed(1)} d`;
  if (unit === 'cents') return (x / 100).toFixed(2);
  return x.toFixed(3);
}

/** `12.3 % ± 0.4`: the mean and the half-width of its 95 % interval. */
export function withInterval(m: MeanInterval, unit: string): string {
  if (!Number.isFinite(m.mean)) return '–';
  const half = (m.ci95High - m.ci95Low) / 2;
  if (!Number.isFinite(half)) return figure(m.mean, unit);
  const scaled = unit === 'share' ? 100 * half : unit === 'cents' ? half / 100 : half;
  const digits = unit === 'ratio' ? 3 : unit === 'cents' ? 2 : 1;
  return `${figure(m.mean, unit)} ± ${scaled.toFixed(digits)}`;
}

function rowsOf(r: StudyResult): { label: string; point: PointSummary }[] {
  return r.worlds.flatMap((w) =>
    w.summary.map((point) => ({
      label:
        r.study.params.length > 0
          ? `${r.worlds.length > 1 ? `${w.label}, ` : ''}${pointLabel(point.point)}`
          : w.label,
      point,
    })),
  );
}

function table(r: StudyResult): string {
  const rows = rowsOf(r);
  const head = `| ${['world', ...r.study.kpis.map((k) => textOf(k).name)].join(' | ')} |`;
  const rule = `|${' --- |'.repeat(r.study.kpis.length + 1)}`;
  const body = rows.map(
    ({ label, point }) =>
      `| ${[label, ...r.study.kpis.map((k) => withInterval(point.kpis[k] ?? NONE, textOf(k).unit))].join(' | ')} |`,
  );
  return [head, rule, ...body].join('\n');
}

/**
 * The contrasts in sentences: between the worlds (the first against each other), or along
 * the first swept parameter from its lowest value to its highest with the others at their
 * middle value.
 */
export function contrasts(r: StudyResult): string[] {
  const { study } = r;
  const pairs: { from: PointSummary; to: PointSummary; what: string }[] = [];
  if (study.params.length === 0) {
    const [first, ...rest] = r.worlds;
    for (const w of rest) {
      const from = first?.summary[0];
      const to = w.summary[0];
      if (from && to) pairs.push({ from, to, what: `${first?.label} → ${w.label}` });
    }
  } else {
    for (const w of r.worlds) {
      for (const [i, param] of study.params.entries()) {
        const others = study.params.filter((_, j) => j !== i);
        const middle = Object.fromEntries(
          others.map((p) => [p.path, p.values[Math.floor((p.values.length - 1) / 2)]]),
        );
        const at = (v: number | undefined) =>
          w.summary.find(
            (s) =>
              s.point.values[param.path] === v &&
              others.every((p) => s.point.values[p.path] === middle[p.path]),
          );
        const from = at(param.values[0]);
        const to = at(param.values[param.values.length - 1]);
        const held = others.map((p) => `${p.path}=${middle[p.path]}`).join(', ');
        if (from && to)
          pairs.push({
            from,
            to,
            what: `${param.path} ${param.values[0]} → ${param.values[param.values.length - 1]}${held ? ` (${held})` : ''}`,
          });
      }
    }
  }
  return pairs.map(({ from, to, what }) => {
    const parts = study.kpis.map((k) => {
      const { name, unit } = textOf(k);
      return `${name} ${figure(from.kpis[k]?.mean ?? NaN, unit)} → ${figure(to.kpis[k]?.mean ?? NaN, unit)}`;
    });
    return `- **${what}:** ${parts.join('; ')}.`;
  });
}

export function renderFindings(results: StudyResult[], meta: FindingsMeta): string {
  const lines = [
    '# Findings',
    '',
    `Made by \`${meta.command}\` from sweeps of the in-process engine: every figure is the`,
    `mean over ${meta.seeds.length} seeds (${meta.seeds.join(', ')}) with the half-width of its 95 %`,
    `confidence interval (Student's t), at ${meta.scale} times each scenario's world. The`,
    'same command gives the same file. The platform worlds run three simulated days, the first',
    'a warm-up that is left out of every figure; the traditional chain runs its own eight',
    'weeks, the first four a warm-up.',
    '',
  ];
  for (const r of results) {
    lines.push(`## ${r.study.title}`, '', `*${r.study.question}*`, '', table(r), '');
    lines.push(...contrasts(r), '');
  }
  return lines.join('\n');
}
