/**
 * The markup of the HTML report: card builders, the style sheet and the browser script that
 * draws the charts from the embedded report. Plain strings, so the page needs nothing but itself.
 */

/** Ids of the chart elements; the browser script below fills each one or writes "no data". */
export const CHART_IDS = {
  leadHistogram: 'chart-lead-histogram',
  workshopUtilisation: 'chart-workshop-utilisation',
  workerDayHours: 'chart-worker-day-hours',
  prices: 'chart-prices',
  orders: 'chart-orders',
  leadByPlacedHour: 'chart-lead-by-placed-hour',
  capacity: 'chart-capacity',
} as const;

export const REPORT_JSON_ID = 'weft-report';

export interface Kpi {
  label: string;
  /** One figure, or a few labelled figures side by side. */
  value: string | Readonly<Record<string, string>>;
  sub: string;
  tone?: 'good' | 'bad';
}

export interface Chart {
  id: string;
  title: string;
  caption: string;
}

export function tableCard(title: string, caption: string, heads: string[], rows: string[]): string {
  const head = heads.map((h, i) => `<th${i > 0 ? ' class="num"' : ''}>${h}</th>`).join('');
  const body =
    rows.length > 0 ? rows.join('\n') : `<tr><td colspan="${heads.length}">no data</td></tr>`;
  return `<div class="card"><h3>${title}</h3><p class="caption">${caption}</p><table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table></div>`;
}

/** Groups sit side by side and wrap as a whole; the basis keeps a group's cards on one row. */
export function kpiGroup(title: string, cards: Kpi[]): string {
  const basis = cards.reduce((px, card) => px + 12 + cardWidth(card), -12);
  const flex = `flex: ${Math.round(basis / 10)} 1 ${basis}px`;
  return `<section style="${flex}"><h2>${title}</h2><div class="kpis">${cards.map(kpiCard).join('')}</div></section>`;
}

/** Rough width in px: a bold digit is about 14 px wide at 24 px, and 10 px at 17 px. */
function cardWidth(card: Kpi): number {
  if (typeof card.value === 'string') return Math.max(140, 34 + 14 * card.value.length);
  const parts = Object.entries(card.value);
  const text = parts.reduce((px, [k, v]) => px + Math.max(10 * v.length, 8 * k.length), 0);
  return 34 + 12 * (parts.length - 1) + text;
}

function kpiCard(card: Kpi): string {
  const value =
    typeof card.value === 'string'
      ? `<p class="value">${escapeHtml(card.value)}</p>`
      : `<dl class="parts">${Object.entries(card.value)
          .map(([k, v]) => `<div><dt>${k}</dt><dd>${escapeHtml(v)}</dd></div>`)
          .join('')}</dl>`;
  const classes = ['kpi', typeof card.value === 'string' ? '' : 'wide', card.tone ?? ''];
  return `<article class="${classes.filter(Boolean).join(' ')}"><h3>${card.label}</h3>${value}<p class="sub">${escapeHtml(card.sub)}</p></article>`;
}

export function chartCard(chart: Chart): string {
  return `<div class="card"><h3>${chart.title}</h3><p class="caption">${chart.caption}</p><div class="chart" id="${chart.id}"></div></div>`;
}

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

export const STYLES = `
:root { --ink: #1f2933; --muted: #667085; --line: #e4e7ec; --bg: #f4f5f7; --card: #fff;
  --accent: #3b5bdb; --good: #2b8a3e; --bad: #c92a2a; color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--ink);
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  -webkit-font-smoothing: antialiased; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
main { max-width: 1480px; margin: 0 auto; padding: 28px 28px 36px; }
.masthead { display: flex; flex-wrap: wrap; align-items: flex-end; justify-content: space-between;
  gap: 16px 40px; padding-bottom: 20px; margin-bottom: 22px; border-bottom: 1px solid var(--line); }
.brand { font-size: 12px; font-weight: 600; letter-spacing: .08em; text-transform: uppercase; color: var(--accent); }
h1 { margin: 4px 0 0; font-size: 28px; font-weight: 650; letter-spacing: -.01em; overflow-wrap: anywhere; }
.meta { display: flex; flex-wrap: wrap; gap: 8px 28px; margin: 0; }
.meta dt, .parts dt { font-size: 11px; letter-spacing: .05em; text-transform: uppercase; color: var(--muted); }
.meta dd { margin: 0; font-weight: 600; font-variant-numeric: tabular-nums; }
section { margin-bottom: 26px; }
.groups { display: flex; flex-wrap: wrap; gap: 20px 24px; margin-bottom: 28px; }
.groups section { margin: 0; min-width: 0; }
h2 { margin: 0 0 10px; font-size: 12px; font-weight: 600; letter-spacing: .08em; text-transform: uppercase; color: var(--muted); }
.kpis { display: flex; flex-wrap: wrap; gap: 12px; }
.kpi, .card { background: var(--card); border: 1px solid var(--line); border-radius: 10px;
  box-shadow: 0 1px 2px rgba(16, 24, 40, .05); break-inside: avoid; }
.kpi { flex: 1 1 140px; padding: 13px 16px 14px; } .kpi.wide { flex: 1.6 1 220px; }
.kpi h3 { margin: 0 0 4px; font-size: 12.5px; font-weight: 500; color: var(--muted); }
.kpi .value { margin: 0; font-size: 24px; white-space: nowrap; font-weight: 650; letter-spacing: -.01em; font-variant-numeric: tabular-nums; }
.kpi .sub { margin: 4px 0 0; font-size: 12.5px; color: var(--muted); font-variant-numeric: tabular-nums; }
.kpi.good { box-shadow: inset 4px 0 0 var(--good); } .kpi.good .value { color: var(--good); }
.kpi.bad { box-shadow: inset 4px 0 0 var(--bad); } .kpi.bad .value { color: var(--bad); }
.parts { display: grid; grid-auto-flow: column; grid-auto-columns: 1fr; gap: 10px; margin: 2px 0 0; }
.parts dd { margin: 0; font-size: 17px; font-weight: 650; font-variant-numeric: tabular-nums; white-space: nowrap; }
.grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(520px, 100%), 1fr)); gap: 16px; }
.card { padding: 16px 18px 12px; }
.card h3 { margin: 0; font-size: 15px; font-weight: 600; }
.card .caption { margin: 2px 0 10px; font-size: 12.5px; color: var(--muted); }
.chart { width: 100%; height: 300px; }
.chart.empty { display: flex; align-items: center; justify-content: center; border-radius: 8px;
  background: #f8f9fa; color: var(--muted); font-style: italic; }
table { width: 100%; border-collapse: collapse; font-variant-numeric: tabular-nums; }
th, td { padding: 6px 8px; border-bottom: 1px solid var(--line); text-align: left; }
th { font-size: 11px; font-weight: 600; letter-spacing: .05em; text-transform: uppercase; color: var(--muted); }
.num { text-align: right; white-space: nowrap; }
td.name { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12.5px; overflow-wrap: anywhere; }
td.share { width: 30%; }
.bar { height: 6px; border-radius: 3px; background: #edf2ff; }
.bar span { display: block; height: 100%; border-radius: 3px; background: var(--accent); }
footer { margin-top: 28px; font-size: 12px; text-align: center; color: var(--muted); }
@media print {
  @page { size: A4 landscape; margin: 10mm; }
  body { background: #fff; font-size: 12px; }
  main { max-width: none; padding: 0; }
  .kpi, .card { box-shadow: none; }
  h2 { break-after: avoid; } .groups section { break-inside: avoid; }
  .kpi.good { border-left: 4px solid var(--good); } .kpi.bad { border-left: 4px solid var(--bad); }
  .grid { grid-template-columns: 1fr 1fr; }
  .chart { height: auto; } .chart.empty { height: 120px; }
  .chart > div { width: 100% !important; height: auto !important; }
  .chart svg { position: static !important; display: block; width: 100% !important; height: auto !important; }
}
`;

/**
 * Browser-side: reads the report from its JSON element and draws each chart with the SVG
 * renderer (crisp in print). Hours with no data are 0 in the report and drawn as gaps.
 */
export const CHART_SCRIPT = `
(function () {
  'use strict';
  var report = JSON.parse(document.getElementById('${REPORT_JSON_ID}').textContent);
  var ids = ${JSON.stringify(CHART_IDS)};
  var C = { blue: '#3b5bdb', green: '#2b8a3e', red: '#e03131', amber: '#f08c00', violet: '#7048e8',
    teal: '#0c8599', grey: '#868e96', muted: '#667085', line: '#eef0f3' };
  var FONT = getComputedStyle(document.body).fontFamily;
  var charts = [];

  function range(n, f) { var out = []; for (var i = 0; i < n; i++) out.push(f(i)); return out; }
  function gaps(xs) { return xs.map(function (v) { return typeof v === 'number' && v > 0 ? v : null; }); }
  function cents(xs) { return gaps(xs).map(function (v) { return v === null ? null : v / 100; }); }
  function percents(xs) { return xs.map(function (v) { return typeof v === 'number' ? Math.round(v * 1000) / 10 : null; }); }
  function filled() {
    return Array.prototype.some.call(arguments, function (xs) {
      return xs.some(function (v) { return typeof v === 'number' && v !== 0; });
    });
  }
  function fixed(digits, unit) {
    return function (v) { return typeof v === 'number' ? v.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }) + unit : '–'; };
  }
  function money(v) { return typeof v === 'number' ? '¤ ' + v.toFixed(2) : '–'; }
  var count = fixed(0, ''), pct = fixed(1, ' %'), hours = fixed(1, ' h');

  function valueAxis(extra) {
    return Object.assign({ type: 'value', axisLabel: { color: C.muted }, nameTextStyle: { color: C.muted },
      splitLine: { lineStyle: { color: C.line } } }, extra);
  }
  function categoryAxis(labels, name, extra) {
    return Object.assign({ type: 'category', data: labels, name: name, nameLocation: 'middle', nameGap: 28,
      nameTextStyle: { color: C.muted }, axisLabel: { color: C.muted }, axisTick: { alignWithLabel: true },
      axisLine: { lineStyle: { color: '#ced4da' } } }, extra);
  }
  function hourAxis(n) {
    var step = n <= 48 ? 6 : n <= 24 * 8 ? 12 : 24 * Math.ceil(n / (24 * 14));
    return categoryAxis(range(n, String), 'simulated hour', {
      axisLabel: { color: C.muted, interval: function (i) { return i % step === 0; } },
      axisTick: { alignWithLabel: true, interval: function (i) { return i % step === 0; } } });
  }
  function dayLines(n) {
    return { silent: true, symbol: 'none', lineStyle: { color: '#adb5bd', type: 'dashed', width: 1 },
      label: { formatter: '{b}', position: 'end', color: C.muted, fontSize: 11 },
      data: range(Math.max(0, Math.ceil(n / 24) - 1), function (d) { return { name: 'day ' + (d + 2), xAxis: String((d + 1) * 24) }; }) };
  }
  function line(name, data, color, extra) {
    return Object.assign({ type: 'line', name: name, data: data, showSymbol: false, connectNulls: false,
      lineStyle: { width: 2, color: color }, itemStyle: { color: color } }, extra);
  }
  function mount(id, option, hasData) {
    var el = document.getElementById(id);
    if (!el) return;
    if (!hasData) { el.classList.add('empty'); el.textContent = 'no data'; return; }
    var chart = echarts.init(el, null, { renderer: 'svg' });
    chart.setOption(Object.assign({
      animation: false, textStyle: { fontFamily: FONT },
      grid: { left: 12, right: 16, top: 48, bottom: 34, containLabel: true },
      legend: { top: 0, right: 0, icon: 'roundRect', itemWidth: 12, itemHeight: 8, textStyle: { color: '#344054' } },
      tooltip: { trigger: 'axis', confine: true }
    }, option));
    fitViewBox(chart);
    charts.push(chart);
  }

  var s = report.series;
  var hist = s.leadTimeHistogram, bin = hist.binHours;
  var binLabels = range(hist.counts.length, function (i) { return i * bin + '–' + (i + 1) * bin + ' h'; });
  var quantiles = [['p50', report.leadTimeHours.p50], ['p90', report.leadTimeHours.p90]]
    .filter(function (q) { return typeof q[1] === 'number' && binLabels.length > 0; })
    .map(function (q) { return { name: q[0], xAxis: binLabels[Math.min(Math.floor(q[1] / bin), binLabels.length - 1)] }; });
  mount(ids.leadHistogram, {
    legend: { show: false }, grid: { left: 12, right: 16, top: 28, bottom: 34, containLabel: true },
    tooltip: { trigger: 'axis', valueFormatter: count }, xAxis: categoryAxis(binLabels, 'lead time'), yAxis: valueAxis({ minInterval: 1 }),
    series: [{ type: 'bar', name: 'delivered orders', data: hist.counts, barCategoryGap: '12%',
      itemStyle: { color: C.blue, borderRadius: [3, 3, 0, 0] },
      markLine: { silent: true, symbol: 'none', lineStyle: { color: C.red, type: 'dashed' },
        label: { formatter: '{b}', color: C.red }, data: quantiles } }]
  }, filled(hist.counts));

  var util = report.workshops.utilizationByHour;
  mount(ids.workshopUtilisation, {
    legend: { show: false }, grid: { left: 12, right: 16, top: 20, bottom: 34, containLabel: true },
    tooltip: { trigger: 'axis', valueFormatter: pct },
    xAxis: categoryAxis(range(util.length, function (h) { return (h < 10 ? '0' : '') + h; }), 'hour of day'),
    yAxis: valueAxis({ max: 100, axisLabel: { color: C.muted, formatter: '{value} %' } }),
    series: [{ type: 'bar', name: 'utilisation', data: percents(util), barCategoryGap: '18%',
      itemStyle: { color: C.teal, borderRadius: [3, 3, 0, 0] } }]
  }, filled(util));

  var dayHours = report.workshops.hoursPerWorkerDay.histogram;
  var dayHourLabels = range(dayHours.length, function (i) { return i + '–' + (i + 1); });
  mount(ids.workerDayHours, {
    legend: { show: false }, grid: { left: 12, right: 16, top: 28, bottom: 34, containLabel: true },
    tooltip: { trigger: 'axis', valueFormatter: count },
    xAxis: categoryAxis(dayHourLabels, 'hours worked'), yAxis: valueAxis({ name: 'worker-days', minInterval: 1 }),
    series: [{ type: 'bar', name: 'worker-days', barCategoryGap: '12%',
      itemStyle: { color: C.amber, borderRadius: [3, 3, 0, 0] },
      data: dayHours.map(function (v, h) { return { value: v, itemStyle: { color: h >= 11 ? C.red : C.amber } }; }) }]
  }, filled(dayHours));

  var priceHours = Math.max(s.meanListingByHour.length, s.meanWinningBidByHour.length, s.meanUnitCostByHour.length);
  mount(ids.prices, {
    tooltip: { trigger: 'axis', valueFormatter: money }, xAxis: hourAxis(priceHours),
    yAxis: valueAxis({ scale: true, axisLabel: { color: C.muted, formatter: function (v) { return '¤ ' + v; } } }),
    series: [line('listing price', cents(s.meanListingByHour), C.blue),
      line('winning bid', cents(s.meanWinningBidByHour), C.amber),
      line('unit cost', cents(s.meanUnitCostByHour), C.grey, { lineStyle: { width: 2, color: C.grey, type: 'dashed' } })]
  }, filled(s.meanListingByHour, s.meanWinningBidByHour, s.meanUnitCostByHour));

  var orderHours = Math.max(s.placedByHour.length, s.deliveredByHour.length, s.cancelledByHour.length);
  mount(ids.orders, {
    tooltip: { trigger: 'axis', valueFormatter: count }, xAxis: hourAxis(orderHours),
    yAxis: valueAxis({ name: 'orders / hour', minInterval: 1 }),
    series: [line('placed', s.placedByHour, C.blue, { areaStyle: { color: C.blue, opacity: 0.1 }, markLine: dayLines(orderHours) }),
      line('delivered', s.deliveredByHour, C.green), line('cancelled', s.cancelledByHour, C.red)]
  }, filled(s.placedByHour, s.deliveredByHour, s.cancelledByHour));

  var lead = gaps(s.leadTimeByPlacedHour);
  mount(ids.leadByPlacedHour, {
    legend: { show: false }, tooltip: { trigger: 'axis', valueFormatter: hours }, xAxis: hourAxis(lead.length),
    yAxis: valueAxis({ axisLabel: { color: C.muted, formatter: '{value} h' } }),
    series: [line('mean lead time', lead, C.violet, { areaStyle: { color: C.violet, opacity: 0.08 }, markLine: dayLines(lead.length) })]
  }, filled(s.leadTimeByPlacedHour));

  var cap = report.capacity;
  mount(ids.capacity, {
    xAxis: hourAxis(Math.max(cap.instancesByHour.length, cap.utilizationByHour.length)),
    yAxis: [valueAxis({ name: 'instances', minInterval: 1 }),
      valueAxis({ name: 'utilisation', max: 100, splitLine: { show: false }, axisLabel: { color: C.muted, formatter: '{value} %' } })],
    series: [{ type: 'bar', name: 'instances', data: cap.instancesByHour, barCategoryGap: '15%',
      itemStyle: { color: '#bac8ff' }, tooltip: { valueFormatter: count } },
      line('utilisation', percents(cap.utilizationByHour), C.amber, { yAxisIndex: 1, tooltip: { valueFormatter: pct } })]
  }, filled(cap.instancesByHour, cap.utilizationByHour));

  // The SVG renderer draws at a fixed pixel size; a viewBox lets the printed page scale it.
  function fitViewBox(chart) {
    var svg = chart.getDom().querySelector('svg');
    if (svg) svg.setAttribute('viewBox', '0 0 ' + chart.getWidth() + ' ' + chart.getHeight());
  }
  // resize() paints on the next animation frame, which printing does not wait for: flush now.
  function resizeAll(size) {
    charts.forEach(function (chart) { chart.resize(size); chart.getZr().flush(); fitViewBox(chart); });
  }
  window.addEventListener('resize', function () { resizeAll(); });
  // Print at one size whatever the window was, so the scaled text stays legible.
  window.addEventListener('beforeprint', function () { resizeAll({ width: 560, height: 280 }); });
  window.addEventListener('afterprint', function () { resizeAll(); });
})();
`;
