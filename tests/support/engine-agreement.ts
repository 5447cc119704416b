/**
 * Whether the distributed engine agrees with the in-process one (the oracle) on one
 * scenario and seed, within tolerances derived from the sample sizes, not tuned to pass.
 *
 * Both engines draw the same arrival stream and make every decision with generators
 * keyed by the event that causes it, so they differ only where the order in which events
 * meet differs: within the clock's lookahead a consumer may compare prices it learnt from
 * events still in flight, a workshop may see two awards in another order. Each KPI is
 * therefore held to what sampling noise alone could explain (four standard errors; 1 in
 * 15,000 to fail by chance), except the arrivals, which must be equal.
 */
import type { RunReport } from '@weft/telemetry';
import type { OrderAudit } from './order-audit';

export interface Check {
  kpi: string;
  des: number;
  kafka: number;
  tolerance: number;
  ok: boolean;
}

const Z = 4;

function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.round(q * (sorted.length - 1))));
  return sorted[i] ?? NaN;
}

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);

function sd(xs: readonly number[]): number {
  const m = mean(xs);
  return Math.sqrt(xs.reduce((a, x) => a + (x - m) ** 2, 0) / Math.max(1, xs.length - 1));
}

/**
 * A quantile of the oracle's sample and its distribution-free band: the q-quantile is the
 * order statistic at rank q·n, whose rank has σ = √(n q (1 − q)); the band reaches the
 * values Z such σ away on either side, and the wider side is the tolerance.
 */
function quantileBand(xs: readonly number[], q: number): { value: number; tolerance: number } {
  const sorted = [...xs].sort((a, b) => a - b);
  const n = sorted.length;
  const value = quantile(sorted, q);
  const dq = (Z * Math.sqrt(n * q * (1 - q))) / Math.max(1, n);
  const tolerance = Math.max(value - quantile(sorted, q - dq), quantile(sorted, q + dq) - value);
  return { value, tolerance };
}

export function compareEngines(
  des: { report: RunReport; audit: OrderAudit },
  kafka: { report: RunReport; audit: OrderAudit },
): Check[] {
  const d = des.report;
  const k = kafka.report;
  const checks: Check[] = [];
  const check = (kpi: string, a: number, b: number, tolerance: number) =>
    checks.push({ kpi, des: a, kafka: b, tolerance, ok: Math.abs(a - b) <= tolerance });

  // The same arrivals, exactly.
  const arrivals = d.events.byType.ArrivalDue ?? 0;
  check('arrivals', arrivals, k.events.byType.ArrivalDue ?? 0, 0);

  // A share of n yes/no trials: σ = √(s (1 − s) / n), plus one trial for rounding.
  const share = (s: number, n: number) => Z * Math.sqrt((s * (1 - s)) / Math.max(1, n)) + 1 / n;
  // Placed or walked away is a yes/no per arrival.
  const placedShare = (r: RunReport) => r.orders.placed / Math.max(1, arrivals);
  check('placed share', placedShare(d), placedShare(k), share(placedShare(d), arrivals));
  const walkedShare = (r: RunReport) => r.orders.walkedAway / Math.max(1, arrivals);
  check('walked-away share', walkedShare(d), walkedShare(k), share(walkedShare(d), arrivals));
  // Each placed order ends delivered, cancelled or open.
  const placed = d.orders.placed;
  check(
    'delivered share',
    d.orders.deliveredShare,
    k.orders.deliveredShare,
    share(d.orders.deliveredShare, placed),
  );
  check(
    'cancelled share',
    d.orders.cancelledShare,
    k.orders.cancelledShare,
    share(d.orders.cancelledShare, placed),
  );
  // Open at the horizon: a count out of the placed orders (its share estimated with one
  // more of each outcome, so that none open in the oracle still leaves room for noise).
  const openShare = (d.orders.open + 1) / (placed + 2);
  check(
    'open at the horizon',
    d.orders.open,
    k.orders.open,
    Math.ceil(Z * Math.sqrt(placed * openShare * (1 - openShare))),
  );

  const lead50 = quantileBand(des.audit.leadHours, 0.5);
  const lead90 = quantileBand(des.audit.leadHours, 0.9);
  const kLead = [...kafka.audit.leadHours].sort((a, b) => a - b);
  check('lead time p50 (h)', lead50.value, quantile(kLead, 0.5), lead50.tolerance);
  check('lead time p90 (h)', lead90.value, quantile(kLead, 0.9), lead90.tolerance);

  // Means: σ of a mean = sd / √n.
  const meanCheck = (kpi: string, a: readonly number[], b: readonly number[]) =>
    check(kpi, mean(a), mean(b), (Z * sd(a)) / Math.sqrt(Math.max(1, a.length)));
  meanCheck('mean winning bid (cents)', des.audit.winningBids, kafka.audit.winningBids);
  meanCheck('mean mark-up (all bids)', des.audit.markups, kafka.audit.markups);

  // Hours per worker per day: the jobs' worker hours added up, over workers × days. The
  // sum of n jobs has σ = √n · sd(job), in the same units once divided the same way.
  const jobs = des.audit.jobWorkerHours;
  const perUnit =
    d.workshops.hoursPerWorkerPerDay /
    Math.max(
      1e-9,
      jobs.reduce((a, b) => a + b, 0),
    );
  check(
    'hours per worker per day',
    d.workshops.hoursPerWorkerPerDay,
    k.workshops.hoursPerWorkerPerDay,
    Z * Math.sqrt(jobs.length) * sd(jobs) * perUnit,
  );

  // The labour accounts are sums of the same jobs' worker hours, held to the same σ in
  // their own units: the wage bill (all jobs × the wage), the mean of hours per
  // worker-day and the income per worker-day (the window's hours over its worker-days).
  const jobsSd = Z * Math.sqrt(jobs.length) * sd(jobs);
  const jobHours = Math.max(
    1e-9,
    jobs.reduce((a, b) => a + b, 0),
  );
  const sameJobs = (kpi: string, a: number, b: number) =>
    check(kpi, a, b, jobsSd * (a / jobHours) + 1);
  sameJobs('wage bill (cents)', d.workshops.wageBill, k.workshops.wageBill);
  const hpd = (r: RunReport) => r.workshops.hoursPerWorkerDay.mean;
  check('hours per worker-day, mean', hpd(d), hpd(k), jobsSd * (hpd(d) / jobHours));
  sameJobs(
    'worker-day income (cents)',
    d.workshops.workerIncomePerWorkerDay,
    k.workshops.workerIncomePerWorkerDay,
  );
  // Exact in either engine: the accounts are one fold, and add up to the cent.
  const unaccounted = (r: RunReport) =>
    r.workshops.revenue - r.workshops.material - r.workshops.wageBill - r.workshops.ownersMargin;
  check('workshop accounts add up', unaccounted(d), unaccounted(k), 0);
  // The same automated workshops and days of orders in either engine: the same capital.
  check('capital cost (cents)', d.workshops.capitalCost, k.workshops.capitalCost, 0);
  return checks;
}

/** Four significant digits for shares and small means, one decimal for counts and cents. */
const fmt = (x: number) => (Math.abs(x) >= 100 ? x.toFixed(1) : x.toPrecision(4));

export function formatChecks(checks: readonly Check[]): string {
  return checks
    .map(
      (c) =>
        `${c.ok ? 'ok  ' : 'FAIL'} ${c.kpi.padEnd(26)} des ${fmt(c.des).padStart(10)}  kafka ${fmt(
          c.kafka,
        ).padStart(10)}  ±${fmt(c.tolerance)}`,
    )
    .join('\n');
}
