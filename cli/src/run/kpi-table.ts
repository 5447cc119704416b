/** The KPI table `weft run` prints: the figures a reader looks for first. */
import type { RunReport } from '@weft/telemetry';

const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
const money = (cents: number) =>
  (cents / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const int = (n: number) => n.toLocaleString('en-US');

export function kpiRows(r: RunReport): [string, string][] {
  const hpd = r.workshops.hoursPerWorkerDay;
  return [
    [
      'orders placed / delivered / cancelled / open',
      `${int(r.orders.placed)} / ${int(r.orders.delivered)} / ${int(r.orders.cancelled)} / ${int(r.orders.open)}`,
    ],
    [
      'lead time p50 / p90 / p99',
      `${r.leadTimeHours.p50.toFixed(1)} / ${r.leadTimeHours.p90.toFixed(1)} / ${r.leadTimeHours.p99.toFixed(1)} h`,
    ],
    [
      'delivered within 24 / 48 / 72 h',
      `${pct(r.deliveredWithin.h24)} / ${pct(r.deliveredWithin.h48)} / ${pct(r.deliveredWithin.h72)}`,
    ],
    ['on time (by the wanted date)', pct(r.onTimeShare)],
    ['bids per RFQ (second rounds)', `${r.bids.perRfq.toFixed(2)} (${int(r.bids.secondRounds)})`],
    [
      'listing / winning bid / unit cost',
      `${money(r.prices.meanListing)} / ${money(r.prices.meanWinningBid)} / ${money(r.prices.meanUnitCost)}`,
    ],
    [
      'workshop mark-up (all bids / winning)',
      `${pct(r.workshops.meanMarkup)} / ${pct(r.workshops.meanWinningMarkup)}`,
    ],
    [
      'hours per worker per day (overtime)',
      `${r.workshops.hoursPerWorkerPerDay.toFixed(2)} (${r.workshops.overtimeHoursPerWorkerPerDay.toFixed(2)})`,
    ],
    [
      'hours per worker-day p50 / p90 (> 11 h, night)',
      `${hpd.p50.toFixed(1)} / ${hpd.p90.toFixed(1)} h (${pct(hpd.over11hShare)}, ${pct(hpd.nightShare)} of hours)`,
    ],
    [
      'value added per worker-hour (wage)',
      `${money(r.workshops.valueAddedPerWorkerHour)} (${money(r.workshops.wageCentsPerHour)}) /h`,
    ],
    [
      "wage bill / owners' margin (income a worker-day)",
      `${money(r.workshops.wageBill)} / ${money(r.workshops.ownersMargin)} (${money(r.workshops.workerIncomePerWorkerDay)})`,
    ],
    [
      "capital cost / owners' margin after it",
      `${money(r.workshops.capitalCost)} / ${money(r.workshops.ownersMarginAfterCapital)}`,
    ],
    [
      'net margin a line-day, manual / automated',
      `${money(r.workshops.byTechnology.manual.netMarginPerLineDay)} / ${money(r.workshops.byTechnology.automated.netMarginPerLineDay)}`,
    ],
    // The traditional chain's wholesalers (none on the platform).
    ...(r.wholesale.wholesalers > 0
      ? ([
          [
            'supply lead p50 / p90 (filled, stock left)',
            `${r.wholesale.supplyLeadDays.p50} / ${r.wholesale.supplyLeadDays.p90} days (${pct(r.wholesale.fillRate)}, ${r.wholesale.stockAtEndDays.toFixed(1)} days of sales)`,
          ],
        ] as [string, string][])
      : []),
    [
      'platform take',
      `${money(r.prices.platformTake)} (${pct(r.prices.platformTakeShare)} of ${money(r.prices.gmvCents)})`,
    ],
    [
      'cloud: peak instances, utilisation, cost',
      `${r.capacity.peakInstances}, ${pct(r.capacity.meanUtilization)}, ${money(r.capacity.cost)}`,
    ],
    ['ledger sum / escrow held', `${r.ledger.sum} / ${money(r.ledger.escrowHeld)}`],
    ['events (per simulated second)', `${int(r.events.total)} (${r.events.perSecond.toFixed(2)})`],
    [
      'wall time, events/s, peak RSS',
      `${r.run.wallSeconds.toFixed(2)} s, ${int(r.run.eventsPerWallSecond)}/s, ${r.run.peakRssMb} MB`,
    ],
  ];
}

const sec = (simMs: number) => `${(simMs / 1000).toFixed(1)} s`;

/** The distributed run's wall-clock figures: throughput from simulated zero, latency. */
function kafkaRows(r: RunReport): [string, string][] {
  const k = r.kafka;
  if (!k) return [];
  const hops = Object.values(k.latency?.hops ?? {}).filter((s) => s.count > 0);
  const late = k.latency?.timerLateness;
  const behind = k.latency?.timerLatenessSim;
  const reorder = k.latency?.timerReorderSim;
  const pace = k.pace;
  return [
    [
      'pace asked / achieved (simulated h per wall s)',
      pace ? `${pace.asked} / ${pace.achievedHoursPerSecond.toFixed(2)}` : String(k.timeScale),
    ],
    [
      'wall s from simulated zero, events/s',
      `${(k.liveSeconds ?? 0).toFixed(1)} s, ${int(k.eventsPerLiveSecond ?? 0)}/s`,
    ],
    [
      'hop latency p50 / p99 (slowest hop)',
      hops.length === 0
        ? '—'
        : `${Math.max(...hops.map((s) => s.p50Ms))} / ${Math.max(...hops.map((s) => s.p99Ms))} ms`,
    ],
    ['timer lateness p50 / p99 (wall)', late ? `${late.p50Ms} / ${late.p99Ms} ms` : '—'],
    [
      'timers behind the clock / reorder p99 (simulated)',
      behind && reorder ? `${sec(behind.maxMs)} max / ${sec(reorder.p99Ms)}` : '—',
    ],
    ['services peak RSS (all)', `${int(k.servicesPeakRssMb ?? 0)} MB`],
  ];
}

export function formatKpiTable(r: RunReport): string {
  const rows = [...kpiRows(r), ...kafkaRows(r)];
  const width = Math.max(...rows.map(([k]) => k.length));
  const title = `weft ${r.engine} · ${r.scenario} · seed ${r.seed} · ${r.horizonHours} simulated hours`;
  return [
    title,
    '─'.repeat(title.length),
    ...rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`),
  ].join('\n');
}
