/**
 * Distributed-engine benchmark: a burst of orders through Kafka, Redis and every service
 * as its own process (two instances each of shops and bidding), the clock as fast as the
 * pipeline carries, so the figure is what the services sustain.
 * Prints orders and events per wall second, hop latencies and peak memory.
 * Run: `npm run bench:kafka [-- ordersPerHour [pace]]` (default 2,000 orders an hour
 * for six simulated hours at pace max).
 */
import { readFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { parseScenario } from '@weft/contracts';
import { runKafka } from '@weft/engine-kafka';
import { localStack } from '../cli/src/run/local-stack';

const ROOT = join(__dirname, '..', '..');
const base = parseScenario(
  parse(readFileSync(join(ROOT, 'scenarios', 'default.yaml'), 'utf8')),
  'default',
);
const ordersPerHour = Number(process.argv[2] ?? 2000);
const pace =
  process.argv[3] === undefined || process.argv[3] === 'max' ? 'max' : Number(process.argv[3]);

const scenario = {
  ...base,
  name: 'bench-kafka',
  durationHours: 6,
  horizonHours: 60,
  demand: {
    ...base.demand,
    ordersPerHour,
    hourlyCurve: base.demand.hourlyCurve.map(() => 1),
    wantedLeadHours: { min: 30, max: 48 },
  },
  shops: { ...base.shops, count: 100 },
  workshops: { ...base.workshops, count: 150 },
  shipping: { ...base.shipping, transitHours: { min: 4, max: 12 } },
};

async function main(): Promise<void> {
  const r = await runKafka(scenario, {
    pace,
    instances: { shops: 2, bidding: 2 },
    keep: false,
    partitions: 6,
    outDir: mkdtempSync(join(tmpdir(), 'weft-bench-')),
    stack: localStack(),
    log: (l) => process.stderr.write(`${l}\n`),
  });
  const k = r.kafka;
  const live = k?.liveSeconds ?? r.run.wallSeconds;
  const line = (name: string, v: string) => process.stdout.write(`${name.padEnd(30)}${v}\n`);
  line('orders placed / open', `${r.orders.placed.toLocaleString('en-US')} / ${r.orders.open}`);
  line('events', r.events.total.toLocaleString('en-US'));
  line('live wall seconds', live.toFixed(1));
  line('orders / wall s', (r.orders.placed / live).toFixed(0));
  line('events / wall s', (r.events.total / live).toFixed(0));
  line('drained', String(k?.drained));
  line('services peak RSS (all)', `${k?.servicesPeakRssMb ?? 0} MB`);
  line('driver peak RSS', `${r.run.peakRssMb} MB`);
  for (const [hop, s] of Object.entries(k?.latency?.hops ?? {}))
    line(`hop ${hop}`, `p50 ${s.p50Ms} ms  p99 ${s.p99Ms} ms`);
  const late = k?.latency?.timerLateness;
  if (late) line('timer lateness', `p50 ${late.p50Ms} ms  p99 ${late.p99Ms} ms`);
  const lateSim = k?.latency?.timerLatenessSim;
  if (lateSim) line('timer lateness (simulated)', `max ${lateSim.maxMs} ms`);
  const reorder = k?.latency?.timerReorderSim;
  if (reorder)
    line('timer reorder (simulated)', `p50 ${reorder.p50Ms} ms  p99 ${reorder.p99Ms} ms`);
  line('pace achieved', `${k?.pace?.achievedHoursPerSecond ?? 0} simulated h / wall s`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
