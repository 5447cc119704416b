/** The dashboard's charts: ECharts, with only the parts the page uses bundled. */
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import type {
  EventCounts,
  HopView,
  LagView,
  LeadTimeView,
  OrderStagesView,
  PricesView,
  UtilizationView,
} from '../src/dashboard-snapshot';

echarts.use([
  BarChart,
  LineChart,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  CanvasRenderer,
]);

type Option = echarts.EChartsCoreOption;

/** Room above the plot for a legend, and the axes' labels inside the chart's box. */
const GRID = { left: 8, right: 16, top: 48, bottom: 8, containLabel: true };
const TOOLTIP = { trigger: 'axis' };

/** One chart on the page, by the id of its element. */
function chart(id: string): echarts.ECharts {
  const node = document.getElementById(id);
  if (!node) throw new Error(`dashboard: no element #${id}`);
  const c = echarts.init(node, undefined, { renderer: 'canvas' });
  window.addEventListener('resize', () => c.resize());
  return c;
}

/** Series whose set changes (topics, groups) replace the old ones rather than merge. */
const set = (c: echarts.ECharts, option: Option) =>
  c.setOption(option, { replaceMerge: ['series', 'xAxis'], lazyUpdate: true });

export class Charts {
  private readonly ratesChart = chart('chart-rates');
  private readonly lagChart = chart('chart-lag');
  private readonly latencyChart = chart('chart-latency');
  private readonly stagesChart = chart('chart-stages');
  private readonly leadChart = chart('chart-lead');
  private readonly utilizationChart = chart('chart-utilization');
  private readonly pricesChart = chart('chart-prices');

  rates(perSecond: EventCounts['perSecond']): void {
    const topics = Object.keys(perSecond.byTopic).sort();
    const n = Math.max(0, ...topics.map((t) => perSecond.byTopic[t]?.length ?? 0));
    const seconds = Array.from({ length: n }, (_, i) => clockTime((perSecond.fromSec + i) * 1000));
    set(this.ratesChart, {
      tooltip: TOOLTIP,
      legend: { type: 'scroll', top: 0 },
      grid: GRID,
      xAxis: { type: 'category', data: seconds },
      yAxis: { type: 'value', name: 'events/s' },
      series: topics.map((t) => ({
        name: t,
        type: 'line',
        showSymbol: false,
        data: perSecond.byTopic[t],
      })),
    });
  }

  lag(lag: LagView): void {
    const partitions = Math.max(0, ...lag.groups.map((g) => g.byPartition.length));
    set(this.lagChart, {
      tooltip: TOOLTIP,
      legend: { type: 'scroll', top: 0 },
      grid: GRID,
      xAxis: {
        type: 'category',
        data: lag.groups.map((g) => g.service),
        axisLabel: { interval: 0, fontSize: 10 },
      },
      yAxis: { type: 'value', name: 'messages' },
      series: Array.from({ length: partitions }, (_, p) => ({
        name: `partition ${p}`,
        type: 'bar',
        stack: 'lag',
        data: lag.groups.map((g) => g.byPartition[p] ?? 0),
      })),
    });
  }

  latency(hops: HopView[]): void {
    // Bars sideways: a hop's name (and the service it measures) reads on one line.
    const names = hops.map((h) => `${h.hop} (${h.by})`).reverse();
    const ms = (pick: (h: HopView) => number) => hops.map((h) => Math.max(1, pick(h))).reverse();
    set(this.latencyChart, {
      tooltip: TOOLTIP,
      legend: { top: 0 },
      grid: { ...GRID, top: 28 },
      yAxis: { type: 'category', data: names, axisLabel: { fontSize: 10 } },
      xAxis: { type: 'log', name: 'ms', min: 1 },
      series: [
        { name: 'p50', type: 'bar', data: ms((h) => h.p50Ms) },
        { name: 'p99', type: 'bar', data: ms((h) => h.p99Ms) },
      ],
    });
  }

  stages(orders: OrderStagesView): void {
    set(this.stagesChart, {
      tooltip: TOOLTIP,
      grid: { ...GRID, top: 28 },
      xAxis: {
        type: 'category',
        data: orders.byStage.map((s) => s.stage),
        axisLabel: { interval: 0, rotate: 35, fontSize: 10 },
      },
      yAxis: { type: 'value', name: 'orders' },
      series: [{ name: 'orders', type: 'bar', data: orders.byStage.map((s) => s.count) }],
    });
  }

  leadTime(lead: LeadTimeView): void {
    const last = lead.counts.length - 1;
    const labels = lead.counts.map((_, i) =>
      i === last ? `≥${i * lead.binHours}` : `${i * lead.binHours}–${(i + 1) * lead.binHours}`,
    );
    set(this.leadChart, {
      tooltip: TOOLTIP,
      grid: { ...GRID, top: 28 },
      xAxis: { type: 'category', data: labels },
      yAxis: { type: 'value', name: 'orders' },
      series: [{ name: 'delivered', type: 'bar', data: lead.counts }],
    });
  }

  utilization(u: UtilizationView): void {
    set(this.utilizationChart, {
      tooltip: TOOLTIP,
      grid: { ...GRID, top: 28 },
      xAxis: { type: 'category', data: u.byHour.map((_, h) => `${h}:00`) },
      yAxis: { type: 'value', max: 1, axisLabel: { formatter: (v: number) => `${v * 100}%` } },
      series: [{ name: 'busy', type: 'bar', data: u.byHour }],
    });
  }

  prices(p: PricesView): void {
    const cents = (xs: number[]) => xs.map((c) => (c > 0 ? c / 100 : null));
    set(this.pricesChart, {
      tooltip: TOOLTIP,
      legend: { top: 0 },
      grid: GRID,
      xAxis: { type: 'category', name: 'sim h', data: p.listing.map((_, h) => h) },
      yAxis: { type: 'value', name: 'per unit', scale: true },
      series: [
        { name: 'listing', type: 'line', showSymbol: false, data: cents(p.listing) },
        { name: 'winning bid', type: 'line', showSymbol: false, data: cents(p.winningBid) },
        { name: 'unit cost', type: 'line', showSymbol: false, data: cents(p.unitCost) },
      ],
    });
  }
}

/** A wall instant as hh:mm:ss, local time. */
export function clockTime(wallMs: number): string {
  return new Date(wallMs).toLocaleTimeString([], { hour12: false });
}
