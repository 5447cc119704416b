/**
 * DES benchmark: one scenario of at least a million orders through the in-process engine.
 * Prints events per second and peak memory, and samples the heap as the run goes, so a
 * heap that grows with finished orders would show. Run: `npm run bench [-- ordersPerHour [days]]`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { parseScenario } from '@weft/contracts';
import { runDes } from '@weft/engine-des';

const ROOT = join(__dirname, '..', '..');
const base = parseScenario(
  parse(readFileSync(join(ROOT, 'scenarios', 'default.yaml'), 'utf8')),
  'default',
);
const ordersPerHour = Number(process.argv[2] ?? 15_000);
const days = Number(process.argv[3] ?? 5);
if (!(ordersPerHour > 0) || !Number.isInteger(days) || days < 1) {
  process.stderr.write('usage: des.bench [ordersPerHour > 0] [days of demand, an integer ≥ 1]\n');
  process.exit(2);
}

// `days` of demand at `ordersPerHour` (five by default), with shops and workshops scaled so
// the economy looks like the default one rather than a queue that never drains; five more
// days let what is in flight arrive.
const scale = ordersPerHour / base.demand.ordersPerHour;
const scenario = {
  ...base,
  name: 'bench',
  durationHours: days * 24,
  horizonHours: days * 24 + 120,
  demand: { ...base.demand, ordersPerHour },
  shops: { ...base.shops, count: Math.round(base.shops.count * scale) },
  workshops: { ...base.workshops, count: Math.round(base.workshops.count * scale) },
};

const heapSamples: { placed: number; heapMb: number }[] = [];
const cpuBefore = process.cpuUsage();
const report = runDes(scenario, {
  progressEvery: 1 << 20,
  onProgress: (p) =>
    heapSamples.push({ placed: p.placed, heapMb: process.memoryUsage().heapUsed / 2 ** 20 }),
});

const line = (k: string, v: string) => process.stdout.write(`${k.padEnd(28)}${v}\n`);
line('orders placed', report.orders.placed.toLocaleString('en-US'));
line('events', report.events.total.toLocaleString('en-US'));
line('wall seconds', report.run.wallSeconds.toFixed(2));
line('events per second', report.run.eventsPerWallSecond.toLocaleString('en-US'));
const cpu = process.cpuUsage(cpuBefore);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
line('CPU seconds (all threads)', cpuSeconds.toFixed(2));
line('events per CPU second', Math.round(report.events.total / cpuSeconds).toLocaleString('en-US'));
line('orders per second', report.run.ordersPerWallSecond.toLocaleString('en-US'));
line('peak RSS (MB)', String(report.run.peakRssMb));
const mid = heapSamples[Math.floor(heapSamples.length / 2)];
const last = heapSamples[heapSamples.length - 1];
if (mid && last) {
  line(
    'heap at mid-run (MB)',
    `${mid.heapMb.toFixed(0)} after ${mid.placed.toLocaleString('en-US')} orders`,
  );
  line(
    'heap at the end (MB)',
    `${last.heapMb.toFixed(0)} after ${last.placed.toLocaleString('en-US')} orders`,
  );
}
line('ledger sum', String(report.ledger.sum));
