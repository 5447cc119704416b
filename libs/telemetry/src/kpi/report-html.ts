/**
 * Renders a run's report as one self-contained HTML page (KPI cards, charts, event counts)
 * that opens offline: ECharts and the report itself are inlined.
 */
import { readFileSync } from 'node:fs';
import type { RunReport } from './report';
import {
  CHART_IDS,
  CHART_SCRIPT,
  type Chart,
  chartCard,
  escapeHtml,
  type Kpi,
  kpiGroup,
  REPORT_JSON_ID,
  STYLES,
  tableCard,
} from './report-html.template';

let echartsScript: string | undefined;

/** Read once per process: the minified library is over a megabyte. */
export function inlineEcharts(): string {
  // A literal "</script" or "<!--" in the library would end or confuse the script element.
  echartsScript ??= readFileSync(require.resolve('echarts/dist/echarts.min.js'), 'utf8').replace(
    /<(\/script|!--)/gi,
    '<\\$1',
  );
  return echartsScript;
}

export function renderReportHtml(report: RunReport): string {
  // Escaping "<" keeps any string in the report (a scenario name) from closing the element.
  const json = JSON.stringify(report).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>weft · ${escapeHtml(report.scenario)}</title>
<style>${STYLES}</style>
</head>
<body>
<main>
${masthead(report)}
<div class="groups">${Object.entries(kpiSections(report))
    .map(([title, cards]) => kpiGroup(title, cards))
    .join('\n')}</div>
<section><h2>Charts</h2><div class="grid">${charts(report).map(chartCard).join('')}</div></section>
<section><h2>Categories and money</h2><div class="grid">${categoryTable(report)}${moneyTable(report)}${technologyTable(report)}${wholesaleTable(report)}</div></section>
<section><h2>Counts</h2><div class="grid">${eventsTable(report)}${balancesTable(report)}</div></section>
${distributedSection(report)}
<footer>weft — report generated from report.json</footer>
</main>
<script type="application/json" id="${REPORT_JSON_ID}">${json}</script>
<script>${inlineEcharts()}</script>
<script>${CHART_SCRIPT}</script>
</body>
</html>
`;
}

function masthead(r: RunReport): string {
  const engine = r.engine === 'des' ? 'DES · virtual time' : 'Kafka · services';
  const meta: Array<[string, string]> = [
    ['Engine', engine],
    ['Seed', String(r.seed)],
    ['Horizon', `${decimal(r.horizonHours, 0)} h (${decimal(r.horizonHours / 24, 1)} days)`],
    ['Started', startedAt(r.run.startedAt)],
  ];
  return `<header class="masthead"><div><div class="brand">weft · run report</div><h1>${escapeHtml(r.scenario)}</h1></div>
<dl class="meta">${meta.map(([k, v]) => `<div><dt>${k}</dt><dd>${escapeHtml(v)}</dd></div>`).join('')}</dl></header>`;
}

/** "2025-01-14T09:12:03.512Z" → "2025-01-14 09:12 UTC"; anything else is shown as given. */
function startedAt(iso: string): string {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}).*Z$/.exec(iso);
  return match ? `${match[1]} ${match[2]} UTC` : iso;
}

function kpiSections(r: RunReport): Record<string, Kpi[]> {
  const { orders, leadTimeHours: lead, workshops: ws, prices, capacity, run } = r;
  const within = r.deliveredWithin;
  // A run without production adds no value (null in report.json): no gap to colour.
  const wageGap = Number.isFinite(ws.valueAddedPerWorkerHour)
    ? ws.valueAddedPerWorkerHour / ws.wageCentsPerHour - 1
    : Number.NaN;
  return {
    Orders: [
      kpi('Placed', count(orders.placed), `${count(orders.walkedAway)} walked away`),
      kpi('Delivered', count(orders.delivered), `${share(orders.deliveredShare)} of placed`),
      kpi('Cancelled', count(orders.cancelled), `${share(orders.cancelledShare)} of placed`),
      kpi('Open', count(orders.open), `${share(orders.open / orders.placed)} of placed`),
    ],
    Delivery: [
      kpi(
        'Lead time',
        { p50: hours(lead.p50), p90: hours(lead.p90), p99: hours(lead.p99) },
        `mean ${hours(lead.mean)} · max ${hours(lead.max)}`,
      ),
      kpi(
        'Delivered within',
        { '24 h': share(within.h24), '48 h': share(within.h48), '72 h': share(within.h72) },
        'share of delivered orders',
      ),
      kpi('On time', share(r.onTimeShare), 'delivered by the wanted time'),
    ],
    Workshops: [
      kpi(
        'Hours worked a day',
        hours(ws.hoursPerWorkerPerDay),
        `per worker · ${count(ws.count)} workshops`,
      ),
      kpi(
        'Overtime a day',
        hours(ws.overtimeHoursPerWorkerPerDay),
        `per worker · ${share(ws.overtimeShare)} of hours`,
      ),
      kpi('Mean mark-up', share(ws.meanMarkup), `winning bids ${share(ws.meanWinningMarkup)}`),
      kpi(
        'Value added per worker-hour',
        `${money(ws.valueAddedPerWorkerHour)}/h`,
        `wage ${money(ws.wageCentsPerHour)}/h (${signedShare(wageGap)})`,
        wageGap < 0 ? 'bad' : undefined,
      ),
    ],
    Labour: labourCards(ws),
    Money: [
      kpi(
        'Mean price',
        {
          listing: money(prices.meanListing),
          bid: money(prices.meanWinningBid),
          cost: money(prices.meanUnitCost),
        },
        `shops keep ${share(prices.meanShopMarginShare)} of the listing`,
      ),
      kpi(
        'Platform take',
        money(prices.platformTake),
        `${share(prices.platformTakeShare)} of GMV ${money(prices.gmvCents)}`,
      ),
      kpi(
        'Bids per RFQ',
        decimal(r.bids.perRfq, 2),
        `${count(r.bids.rfqs)} RFQs · ${count(r.bids.secondRounds)} second rounds`,
      ),
    ],
    'Cloud capacity': [
      kpi(
        'Capacity cost',
        money(capacity.cost),
        `${decimal(capacity.unitHours, 1)} instance-hours`,
      ),
      kpi(
        'Instances',
        { 'mean use': share(capacity.meanUtilization), peak: count(capacity.peakInstances) },
        `${count(capacity.demandUnits)} demand units`,
      ),
    ],
    'Integrity and run': [
      kpi(
        'Ledger sum',
        money(r.ledger.sum),
        `escrow held ${money(r.ledger.escrowHeld)}`,
        r.ledger.sum === 0 ? 'good' : 'bad',
      ),
      kpi(
        'Rejected payouts',
        count(r.ledger.rejectedPayouts),
        'releases or refunds with nothing in escrow',
        r.ledger.rejectedPayouts === 0 ? undefined : 'bad',
      ),
      kpi(
        'Events',
        count(r.events.total),
        `${decimal(r.events.perSecond, 2)} per simulated second`,
      ),
      kpi(
        'Run',
        {
          wall: `${decimal(run.wallSeconds, 1)} s`,
          'events/s': count(run.eventsPerWallSecond),
          RSS: `${count(run.peakRssMb)} MB`,
        },
        `${count(run.ordersPerWallSecond)} orders per wall second`,
      ),
    ],
  };
}

/** Hours per worker-day as a distribution, and who gets the value added: wages or owners. */
function labourCards(ws: RunReport['workshops']): Kpi[] {
  const h = ws.hoursPerWorkerDay;
  const added = ws.wageBill + ws.ownersMargin;
  return [
    kpi(
      'Hours per worker-day',
      { p50: hours(h.p50), p90: hours(h.p90), 'over 11 h': share(h.over11hShare) },
      `mean ${hours(h.mean)} · ${share(h.idleShare)} of ${count(h.workerDays)} worker-days idle`,
    ),
    kpi(
      'Night work',
      share(h.nightShare),
      `of worker-hours · ${share(h.nightWorkerDayShare)} of worker-days`,
    ),
    kpi(
      'Wage bill vs owners’ margin',
      { wages: money(ws.wageBill), owners: money(ws.ownersMargin) },
      `wages ${share(added > 0 ? ws.wageBill / added : Number.NaN)} of value added`,
    ),
    kpi(
      'Owners’ margin after capital',
      money(ws.ownersMarginAfterCapital),
      `capital cost ${money(ws.capitalCost)} of automated lines`,
      ws.ownersMarginAfterCapital < 0 ? 'bad' : undefined,
    ),
    kpi(
      'Worker income',
      `${money(ws.workerIncomePerWorkerDay)}/day`,
      `per worker-day, idle days included`,
    ),
  ];
}

function kpi(label: string, value: Kpi['value'], sub: string, tone?: Kpi['tone']): Kpi {
  return { label, value, sub, tone };
}

function charts(r: RunReport): Chart[] {
  const bin = decimal(r.series.leadTimeHistogram.binHours, 0);
  return [
    {
      id: CHART_IDS.leadHistogram,
      title: 'Lead time',
      caption: `Delivered orders by hours from placement to delivery, in ${bin}-hour bins; dashed lines mark p50 and p90.`,
    },
    {
      id: CHART_IDS.workshopUtilisation,
      title: 'Workshop utilisation by hour of day',
      caption:
        'Share of workshop worker-hours spent producing, for each hour of the 24-hour calendar.',
    },
    {
      id: CHART_IDS.workerDayHours,
      title: 'Hours per worker-day',
      caption:
        'Worker-days (each crew’s workers on each day, idle ones included) by hours worked, in 1-hour bins; days open at the day shift’s start. Days of 11 h and more in red.',
    },
    {
      id: CHART_IDS.prices,
      title: 'Winning bid against listing price and unit cost',
      caption: 'Hourly means over simulated time; gaps are hours without an order.',
    },
    {
      id: CHART_IDS.orders,
      title: 'Orders over time',
      caption: 'Orders placed, delivered and cancelled in each simulated hour.',
    },
    {
      id: CHART_IDS.leadByPlacedHour,
      title: 'Lead time by hour placed',
      caption:
        'Mean lead time of delivered orders by the hour they were placed; late hours count only orders already delivered.',
    },
    {
      id: CHART_IDS.capacity,
      title: 'Cloud capacity',
      caption:
        'Instances running each simulated hour (bars) and their utilisation (line, right axis).',
    },
  ];
}

/** The distributed engine's wall-clock side: hop latency, timer lateness, scaling. */
function distributedSection(r: RunReport): string {
  const k = r.kafka;
  if (!k) return '';
  const ms = (n: number) => `${count(n)} ms`;
  const hops = Object.entries(k.latency?.hops ?? {}).map(
    ([hop, s]) =>
      `<tr><td class="name">${escapeHtml(hop)}</td><td class="num">${count(s.count)}</td><td class="num">${ms(s.p50Ms)}</td><td class="num">${ms(s.p90Ms)}</td><td class="num">${ms(s.p99Ms)}</td></tr>`,
  );
  const late = k.latency?.timerLateness;
  if (late)
    hops.push(
      `<tr><td class="name">timer lateness</td><td class="num">${count(late.count)}</td><td class="num">${ms(late.p50Ms)}</td><td class="num">${ms(late.p90Ms)}</td><td class="num">${ms(late.p99Ms)}</td></tr>`,
    );
  const scaling = Object.entries(k.scaling ?? {}).map(
    ([service, s]) =>
      `<tr><td class="name">${escapeHtml(service)}</td><td class="num">${count(k.instances[service] ?? 0)}</td><td class="num">${count(s.consumerLag)}</td><td class="num">${count(s.recommendedReplicas)}</td></tr>`,
  );
  const run = [
    ['run id', k.runId],
    [
      'pace asked / achieved (simulated h per wall s)',
      k.pace ? `${k.pace.asked} / ${k.pace.achievedHoursPerSecond}` : String(k.timeScale),
    ],
    [
      'clock: window / lookahead (simulated s)',
      k.clock ? `${k.clock.grainMs / 1000} / ${k.clock.lookaheadMs / 1000}` : '—',
    ],
    [
      'timers behind the clock, max (simulated s)',
      k.latency?.timerLatenessSim ? String(k.latency.timerLatenessSim.maxMs / 1000) : '—',
    ],
    [
      'timers fired ahead, p99 (simulated s)',
      k.latency?.timerReorderSim ? String(k.latency.timerReorderSim.p99Ms / 1000) : '—',
    ],
    [
      'wall seconds from simulated zero',
      k.liveSeconds === undefined ? '—' : k.liveSeconds.toFixed(1),
    ],
    [
      'events per wall second',
      k.eventsPerLiveSecond === undefined ? '—' : count(k.eventsPerLiveSecond),
    ],
    [
      'services peak RSS',
      k.servicesPeakRssMb === undefined ? '—' : `${count(k.servicesPeakRssMb)} MB`,
    ],
    [
      'dead letters / duplicates delivered',
      `${count(k.deadLetters)} / ${count(k.duplicatesDelivered)}`,
    ],
    ['drained', k.drained ? 'yes' : 'no'],
  ].map(
    ([name, v]) =>
      `<tr><td class="name">${escapeHtml(name ?? '')}</td><td class="num">${escapeHtml(v ?? '')}</td></tr>`,
  );
  return `<section><h2>Distributed run</h2><div class="grid">${tableCard(
    'Wall-clock latency',
    'From a cause produced to its effect produced, per hop; and how late timers fired against the simulated clock.',
    ['Hop', 'Count', 'p50', 'p90', 'p99'],
    hops,
  )}${tableCard('Scaling at the end', 'Instances running, consumer lag and the replicas the lag asks for.', ['Service', 'Instances', 'Lag', 'Recommended'], scaling)}${tableCard('Run', 'The transport side of the run.', ['', ''], run)}</div></section>`;
}

function eventsTable(r: RunReport): string {
  const rows = Object.entries(r.events.byType).sort(
    ([a, x], [b, y]) => y - x || a.localeCompare(b),
  );
  const most = Math.max(1, ...rows.map(([, n]) => n));
  const body = rows.map(
    ([type, n]) =>
      `<tr><td class="name">${escapeHtml(type)}</td><td class="num">${count(n)}</td><td class="num">${share(n / r.events.total)}</td>` +
      `<td class="share"><div class="bar"><span style="width:${((100 * n) / most).toFixed(1)}%"></span></div></td></tr>`,
  );
  return tableCard(
    'Events by type',
    'Every event the run emitted, most frequent first.',
    ['Event', 'Count', 'Share', ''],
    body,
  );
}

function categoryTable(r: RunReport): string {
  const body = (r.byCategory ?? []).map(
    (c) =>
      `<tr><td class="name">${escapeHtml(c.name)}</td><td class="num">${count(c.workshops)}</td>` +
      `<td class="num">${count(c.placed)}</td><td class="num">${share(c.cancelledShare)}</td>` +
      `<td class="num">${hours(c.leadTimeHours.p50)}</td><td class="num">${hours(c.leadTimeHours.p90)}</td>` +
      `<td class="num">${decimal(c.load, 2)}</td><td class="num">${share(c.utilization)}</td></tr>`,
  );
  return tableCard(
    'By category',
    'Each category has workshops of its own, dealt out by work. Load: work a day of demand brings over the line-hours of a regular day (above 1 takes overtime); utilisation: line-hours worked, round the clock.',
    ['Category', 'Workshops', 'Placed', 'Cancelled', 'Lead p50', 'Lead p90', 'Load', 'Utilisation'],
    body,
  );
}

/** Manual against automated workshops: who wins the work, and whether the machines pay. */
function technologyTable(r: RunReport): string {
  const { manual, automated } = r.workshops.byTechnology;
  const rows: [string, (t: typeof manual) => string][] = [
    ['Workshops (lines)', (t) => `${count(t.workshops)} (${count(t.lines)})`],
    ['Orders won', (t) => count(t.ordersWon)],
    ['Revenue', (t) => money(t.revenue)],
    ['Wage bill', (t) => money(t.wageBill)],
    ['Owners’ margin', (t) => money(t.ownersMargin)],
    ['Capital cost', (t) => money(t.capitalCost)],
    ['Owners’ margin after capital', (t) => money(t.ownersMarginAfterCapital)],
    ['Net margin per line-day', (t) => money(t.netMarginPerLineDay)],
    ['Utilisation', (t) => share(t.utilization)],
  ];
  return tableCard(
    'Manual and automated workshops',
    'Automated lines take fewer minutes a unit and cost capital every day, used or not. Money over the jobs awarded after the warm-up; capital for the days of those orders; utilisation: line-hours worked, round the clock.',
    ['', 'Manual', 'Automated'],
    rows.map(
      ([name, value]) =>
        `<tr><td class="name">${escapeHtml(name)}</td><td class="num">${value(manual)}</td><td class="num">${value(automated)}</td></tr>`,
    ),
  );
}

/** The traditional chain's wholesalers: how long supply takes, what stock did. Nothing on the platform. */
function wholesaleTable(r: RunReport): string {
  const w = r.wholesale;
  if (!w || w.wholesalers === 0) return '';
  const rows: [string, string][] = [
    ['Wholesalers', count(w.wholesalers)],
    ['Batches ordered (units)', `${count(w.batches)} (${count(w.batchUnits)})`],
    [
      'From ordering a batch to the warehouse, p50 / p90 / mean',
      `${w.supplyLeadDays.p50} / ${w.supplyLeadDays.p90} / ${decimal(w.supplyLeadDays.mean, 1)} days`,
    ],
    ['Requests filled from stock (units)', share(w.fillRate)],
    ['Units sold to shops', count(w.unitsSold)],
    [
      'Stock left at the end',
      `${count(w.stockAtEnd)} units, ${decimal(w.stockAtEndDays, 1)} days of sales`,
    ],
    ['Sales to shops', money(w.salesCents)],
    ['Batches paid for', money(w.purchasesCents)],
  ];
  return tableCard(
    'Wholesalers',
    'Stock made in batches for a forecast: what the chain between workshops and shops did, after the warm-up.',
    ['', ''],
    rows.map(
      ([name, value]) =>
        `<tr><td class="name">${escapeHtml(name)}</td><td class="num">${value}</td></tr>`,
    ),
  );
}

function moneyTable(r: RunReport): string {
  const split = r.prices.split;
  const rows: [string, string][] = [
    ['Material', share(split.material)],
    ['Labour (wages at the set rate)', share(split.labour)],
    ['Workshop owners’ margin', share(split.workshopMargin)],
    ['Shops', share(split.shop)],
    ['Platform (commission and fees)', share(split.platform)],
    ['Wholesalers (the traditional chain)', share(split.wholesaler)],
    ['Shops’ net, all settled orders', money(r.shops.netCents)],
    ['Shops’ mean net margin', share(r.shops.meanNetMarginShare)],
    ['Orders a shop lost money on', share(r.shops.negativeMarginShare)],
    ['Orders with the busiest tenth of shops', share(r.shops.topDecileOrderShare)],
  ];
  return tableCard(
    'Where the consumer’s money goes',
    'Shares of what consumers paid for awarded orders, and what shops kept after fees and workshops.',
    ['', ''],
    rows.map(
      ([name, value]) =>
        `<tr><td class="name">${escapeHtml(name)}</td><td class="num">${value}</td></tr>`,
    ),
  );
}

function balancesTable(r: RunReport): string {
  const rows = Object.entries(r.ledger.balances).sort(([a], [b]) => a.localeCompare(b));
  const body = rows.map(
    ([account, cents]) =>
      `<tr><td class="name">${escapeHtml(account)}</td><td class="num">${money(cents)}</td></tr>`,
  );
  return tableCard(
    'Ledger balances',
    'Closing balance of each ledger account; they sum to the ledger sum.',
    ['Account', 'Balance'],
    body,
  );
}

// Figures from report.json may be null where a mean had no data (JSON has no NaN): show a dash.
function decimal(x: number, digits: number): string {
  if (!Number.isFinite(x)) return '–';
  return x.toLocaleString('en-US', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
}

function count(n: number): string {
  return decimal(n, 0);
}

function share(fraction: number): string {
  return Number.isFinite(fraction) ? `${decimal(fraction * 100, 1)}\u00a0%` : '–';
}

function signedShare(fraction: number): string {
  return `${fraction > 0 ? '+' : ''}${share(fraction)}`;
}

function hours(h: number): string {
  return Number.isFinite(h) ? `${decimal(h, 1)}\u00a0h` : '–';
}

/** Money is integer cents; "¤" because a scenario's currency is not part of the report. */
function money(cents: number): string {
  if (!Number.isFinite(cents)) return '–';
  return `${cents < 0 ? '−' : ''}¤\u00a0${decimal(Math.abs(cents) / 100, 2)}`;
}
