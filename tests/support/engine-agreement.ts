/**
 * Whether the distributed engine agrees with the in-process one (the oracle) on one
 * scenario and seed, within tolerances derived from the sample sizes, not tuned to pass.
 *
 * Both engines draw the same arrival stream and make every decision with generators
 * keyed by the event that causes it, so they differ only where the order in which events
 * meet differs: in the Kafka engine a consumer compares prices it learnt from events still
 * in flight, a workshop may see two awards in another order. Each KPI is therefore held
 * to what sampling noise alone could explain (four standard errors; 1 in 15,000 to fail by
 * chance), except the arrivals, which must be equal.
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
  check('arrivals', d.events.byType.ArrivalDue ?? 0, k.events.byType.ArrivalDue ?? 0, 0);

  // Placed = arrivals − walk-aways. A walk-away is a yes/no per arrival whose rate p the
  // oracle estimates: the count is binomial, σ = √(n p (1 − p)).
  const arrivals = d.events.byType.ArrivalDue ?? 0;
  const p = d.orders.walkedAway / Math.max(1, arrivals);
  check(
    'placed orders',
    d.orders.placed,
    k.orders.placed,
    Math.ceil(Z * Math.sqrt(arrivals * p * (1 - p))),
  );

  // A share of n placed orders: σ = √(s (1 − s) / n), plus one order for rounding.
  const share = (s: number, n: number) => Z * Math.sqrt((s * (1 - s)) / Math.max(1, n)) + 1 / n;
  check(
    'delivered share',
    d.orders.deliveredShare,
    k.orders.deliveredShare,
    share(d.orders.deliveredShare, d.orders.placed),
  );
  check(
    'cancelled share',
    d.orders.cancelledShare,
    k.orders.cancelledShare,
    share(d.orders.cancelledShare, d.orders.placed),
  );

  // The median lead time: distribution-free, the oracle's median is the order statistic at
  // rank n/2, whose rank has σ = √n / 2; the band between the ranks n/2 ± Z √n / 2 is the
  // tolerance on either side.
  const lead = [...des.audit.leadHours].sort((a, b) => a - b);
  const n = lead.length;
  const med = quantile(lead, 0.5);
  const spread = Math.max(
    med - quantile(lead, 0.5 - (Z * 0.5) / Math.sqrt(n)),
    quantile(lead, 0.5 + (Z * 0.5) / Math.sqrt(n)) - med,
  );
  check(
    'median lead time (h)',
    med,
    quantile(
      [...kafka.audit.leadHours].sort((a, b) => a - b),
      0.5,
    ),
    spread,
  );

  // The mean winning bid: σ of a mean = sd / √n.
  const bids = des.audit.winningBids;
  check(
    'mean winning bid (cents)',
    mean(bids),
    mean(kafka.audit.winningBids),
    (Z * sd(bids)) / Math.sqrt(Math.max(1, bids.length)),
  );
  return checks;
}

export function formatChecks(checks: readonly Check[]): string {
  return checks
    .map(
      (c) =>
        `${c.ok ? 'ok  ' : 'FAIL'} ${c.kpi.padEnd(26)} des ${c.des.toFixed(3).padStart(10)}  kafka ${c.kafka
          .toFixed(3)
          .padStart(10)}  ±${c.tolerance.toFixed(3)}`,
    )
    .join('\n');
}
