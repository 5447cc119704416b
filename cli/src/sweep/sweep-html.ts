/**
 * sweep.html: a page that needs nothing but itself (echarts inlined, no network) with each
 * KPI plotted against each swept parameter, and every point's intervals in a table.
 */
import { REPORT_STYLES, escapeHtml, inlineEcharts } from '@weft/telemetry';
import { pointLabel } from './grid';
import type { PointSummary } from './summary';
import { SWEEP_JSON_ID, SWEEP_SCRIPT } from './sweep-html.script';
import type { SweepMeta } from './sweep-tables';

const STYLES = `${REPORT_STYLES}
.grid.small { grid-template-columns: repeat(auto-fit, minmax(min(380px, 100%), 1fr)); }
.chart.small { height: 240px; }
.scroll { overflow-x: auto; }
ul.params { margin: 0 0 26px; padding-left: 18px; }
ul.params code { font-size: 12.5px; }
th.point { text-transform: none; letter-spacing: 0; font-weight: 500; vertical-align: bottom; }
th.point div { white-space: nowrap; }
td.name { white-space: nowrap; overflow-wrap: normal; }
`;

const finite = (x: number) => (Number.isFinite(x) ? x : null);

const fmt = (x: number) => (Number.isFinite(x) ? String(Number(x.toPrecision(4))) : '–');

/** The figures the browser script draws: per point, [mean, ci95Low, ci95High] by KPI. */
function chartData(meta: SweepMeta, kpiNames: readonly string[], summary: PointSummary[]) {
  return {
    params: meta.params,
    kpis: kpiNames,
    seeds: meta.seeds.length,
    points: summary.map((s) => ({
      values: s.point.values,
      stats: Object.fromEntries(
        kpiNames.map((k) => {
          const i = s.kpis[k];
          return [k, i ? [finite(i.mean), finite(i.ci95Low), finite(i.ci95High)] : null];
        }),
      ),
    })),
  };
}

/** A point's header: one `path = value` a line, so a grid of several parameters stays narrow. */
function pointHead(s: PointSummary): string {
  const lines = Object.entries(s.point.values).map(([path, v]) => `${path} = ${v}`);
  const text = lines.length > 0 ? lines : [pointLabel(s.point)];
  return `<th class="num point">${text.map((l) => `<div>${escapeHtml(l)}</div>`).join('')}</th>`;
}

function summaryTable(kpiNames: readonly string[], summary: PointSummary[]): string {
  const rows = kpiNames.map((k) => {
    const cells = summary.map((s) => {
      const i = s.kpis[k];
      if (!i || !Number.isFinite(i.mean)) return '<td class="num">–</td>';
      return `<td class="num">${escapeHtml(fmt(i.mean))} <span class="caption">[${escapeHtml(fmt(i.ci95Low))}, ${escapeHtml(fmt(i.ci95High))}]</span></td>`;
    });
    return `<tr><td class="name">${escapeHtml(k)}</td>${cells.join('')}</tr>`;
  });
  return `<div class="card scroll"><h3>Every point</h3><p class="caption">mean [95 % interval of the mean] over the seeds</p><table><thead><tr><th>KPI</th>${summary
    .map(pointHead)
    .join('')}</tr></thead><tbody>${rows.join('\n')}</tbody></table></div>`;
}

export function renderSweepHtml(
  meta: SweepMeta,
  kpiNames: readonly string[],
  summary: PointSummary[],
): string {
  // Escaping "<" keeps any string in the data (a scenario name) from closing the element.
  const json = JSON.stringify(chartData(meta, kpiNames, summary)).replace(/</g, '\\u003c');
  const metaItems: [string, string][] = [
    ['Scale', String(meta.scale)],
    ['Seeds', meta.seeds.join(', ')],
    ['Points', String(summary.length)],
    ['Runs', String(summary.length * meta.seeds.length)],
  ];
  const params = meta.params
    .map((p) => `<li><code>${escapeHtml(p.path)}</code>: ${escapeHtml(p.values.join(', '))}</li>`)
    .join('');
  const sections = meta.params
    .map(
      (p, i) =>
        `<section><h2>KPIs against ${escapeHtml(p.path)}</h2><div class="grid small" id="against-${i}"></div></section>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>weft sweep · ${escapeHtml(meta.scenario)}</title>
<style>${STYLES}</style>
</head>
<body>
<main>
<header class="masthead"><div><div class="brand">weft · sweep</div><h1>${escapeHtml(meta.scenario)}</h1></div>
<dl class="meta">${metaItems.map(([k, v]) => `<div><dt>${k}</dt><dd>${escapeHtml(v)}</dd></div>`).join('')}</dl></header>
${params ? `<ul class="params">${params}</ul>` : '<p>No parameter swept: the scenario as it is, over the seeds.</p>'}
${sections}
<section>${summaryTable(kpiNames, summary)}</section>
<footer>weft sweep · each run simulated in virtual time; figures identical for the same grid and seeds</footer>
</main>
<script type="application/json" id="${SWEEP_JSON_ID}">${json}</script>
<script>${inlineEcharts()}</script>
<script>${SWEEP_SCRIPT}</script>
</body>
</html>
`;
}
