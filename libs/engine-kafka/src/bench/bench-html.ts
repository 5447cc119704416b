/**
 * The bench's page: one self-contained HTML file (ECharts inlined) with the rate, lag and
 * pace over wall time, and each window's p99 hop latency and verdict.
 */
import { REPORT_STYLES, escapeHtml, inlineEcharts } from '@weft/telemetry';
import type { BenchResult } from './bench-result';

const CHARTS = `
var b = JSON.parse(document.getElementById('bench-json').textContent);
function mount(id, option) {
  var el = document.getElementById(id);
  var chart = echarts.init(el);
  chart.setOption(Object.assign({ animation: false, tooltip: { trigger: 'axis' },
    grid: { left: 60, right: 60, top: 40, bottom: 40 }, legend: { top: 0 } }, option));
  window.addEventListener('resize', function () { chart.resize(); });
}
var s = b.series, rate = [];
for (var i = 1; i < s.length; i++) {
  var dt = s[i].seconds - s[i - 1].seconds;
  if (dt > 0.2) rate.push([s[i].seconds, Math.round((s[i].events - s[i - 1].events) / dt)]);
}
var x = { type: 'value', name: 'wall s', nameLocation: 'middle', nameGap: 25 };
mount('chart-rate', { xAxis: x, yAxis: [{ type: 'value', name: 'events/s' }, { type: 'value', name: 'sim h/s' }],
  series: [
    { name: 'events per wall s', type: 'line', showSymbol: false, data: rate },
    { name: 'pace asked', type: 'line', step: 'end', yAxisIndex: 1, showSymbol: false,
      data: s.filter(function (p) { return p.askedPace !== null; }).map(function (p) { return [p.seconds, p.askedPace]; }) },
    { name: 'ceiling (relay)', type: 'line', showSymbol: false, lineStyle: { type: 'dashed' },
      data: [[0, b.ceiling.relayPerSec], [s.length ? s[s.length - 1].seconds : 1, b.ceiling.relayPerSec]] }
  ] });
mount('chart-lag', { xAxis: x, yAxis: { type: 'value', name: 'messages' },
  series: [{ name: 'consumer lag (role services)', type: 'line', showSymbol: false,
    data: s.map(function (p) { return [p.seconds, p.lag]; }) }] });
var hops = Object.keys((b.windows[0] || { hops: {} }).hops);
var names = b.windows.map(function (w) { return w.askedPace === null ? 'max' : w.askedPace.toFixed(3); });
mount('chart-latency', { xAxis: { type: 'category', data: names, name: 'pace asked (sim h/s)', nameLocation: 'middle', nameGap: 25 },
  yAxis: { type: 'log', name: 'p99 ms' },
  series: hops.map(function (h) { return { name: h, type: 'line',
    data: b.windows.map(function (w) { return Math.max(1, (w.hops[h] || { p99Ms: 0 }).p99Ms); }) }; }) });
mount('chart-pace', { xAxis: { type: 'category', data: names }, yAxis: { type: 'value', name: 'sim h/s' },
  series: [
    { name: 'asked', type: 'bar', data: b.windows.map(function (w) { return w.askedPace; }) },
    { name: 'kept', type: 'bar', data: b.windows.map(function (w) { return Math.round(w.verdict.achievedPace * 1000) / 1000; }) }
  ] });
`;

function row(cells: (string | number)[]): string {
  return `<tr>${cells.map((c) => `<td>${escapeHtml(String(c))}</td>`).join('')}</tr>`;
}

export function renderBenchHtml(b: BenchResult): string {
  const json = JSON.stringify(b).replace(/</g, '\\u003c');
  const windows = b.windows
    .map((w) =>
      row([
        w.askedPace === null ? 'max' : w.askedPace.toFixed(3),
        w.verdict.achievedPace.toFixed(3),
        Math.round(w.verdict.eventsPerSecond),
        Math.round(w.verdict.lagGrowthPerSecond),
        w.p99Ms,
        w.verdict.sustained ? 'sustained' : w.verdict.reasons.join('; '),
      ]),
    )
    .join('');
  const processes = b.processes
    .map((p) => row([p.name, p.cpuCores.toFixed(2), p.peakRssMb]))
    .join('');
  const chart = (id: string, title: string) =>
    `<div class="card"><h3>${title}</h3><div id="${id}" style="height:320px"></div></div>`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>weft bench · ${escapeHtml(b.startedAt)}</title>
<style>${REPORT_STYLES}</style>
</head>
<body>
<main>
<header><h1>weft bench</h1><p>${escapeHtml(b.scenario.name)}, seed ${b.scenario.seed}, ${escapeHtml(b.profile.kind)} profile, started ${escapeHtml(b.startedAt)}</p></header>
<section><h2>Figures</h2><div class="grid"><div class="card"><table>
${row(['relay ceiling (messages/s)', b.ceiling.relayPerSec])}
${row(['produce-only ceiling (messages/s)', b.ceiling.produceOnlyPerSec])}
${row(['pipeline at pace max (events/s)', b.pipeline.eventsPerSec])}
${row(['ratio to the relay ceiling', b.ratio])}
${row(['highest sustained pace (sim h/s)', b.sustained.pace ?? 'none'])}
${row(['orders/s at that pace', b.sustained.ordersPerSec?.toFixed(1) ?? '–'])}
${row(['services peak memory (MB)', b.servicesPeakRssMb])}
${row(['verdict', b.pass.ok ? 'pass' : b.pass.failures.join('; ')])}
</table></div></div></section>
<section><h2>Over wall time</h2><div class="grid">${chart('chart-rate', 'Events per wall second')}${chart('chart-lag', 'Consumer lag')}</div></section>
<section><h2>Windows</h2><div class="grid">${chart('chart-latency', 'p99 latency per hop')}${chart('chart-pace', 'Pace asked and kept')}
<div class="card"><table><tr><th>pace asked</th><th>kept</th><th>events/s</th><th>lag growth/s</th><th>p99 ms</th><th>verdict</th></tr>${windows}</table></div>
<div class="card"><table><tr><th>process</th><th>CPU (cores)</th><th>peak RSS MB</th></tr>${processes}</table></div></div></section>
<footer>weft — bench page generated from bench.json</footer>
</main>
<script type="application/json" id="bench-json">${json}</script>
<script>${inlineEcharts()}</script>
<script>${CHARTS}</script>
</body>
</html>
`;
}
