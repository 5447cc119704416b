import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { smallScenario } from '../../tests/support/scenarios';
import { weft } from './support/weft-cli';

const REQUIRED_KEYS = [
  'engine',
  'scenario',
  'seed',
  'orders.placed',
  'orders.delivered',
  'orders.cancelled',
  'orders.open',
  'ledger.sum',
  'ledger.escrowHeld',
  'leadTimeHours.p50',
  'leadTimeHours.p90',
  'leadTimeHours.p99',
  'deliveredWithin.h24',
  'deliveredWithin.h48',
  'deliveredWithin.h72',
  'workshops.utilizationByHour',
  'workshops.hoursPerWorkerPerDay',
  'workshops.meanMarkup',
  'workshops.valueAddedPerWorkerHour',
  'workshops.hoursPerWorkerDay.p50',
  'workshops.hoursPerWorkerDay.p90',
  'workshops.hoursPerWorkerDay.over11hShare',
  'workshops.hoursPerWorkerDay.nightShare',
  'workshops.wageBill',
  'workshops.ownersMargin',
  'workshops.capitalCost',
  'workshops.ownersMarginAfterCapital',
  'workshops.byTechnology.manual.netMarginPerLineDay',
  'workshops.byTechnology.automated.utilization',
  'workshops.workerIncomePerWorkerDay',
  'prices.meanListing',
  'prices.meanWinningBid',
  'prices.platformTake',
  'bids.perRfq',
  'capacity.unitHours',
  'capacity.cost',
  'events.total',
  'events.perSecond',
  'run.wallSeconds',
  'run.peakRssMb',
];

const at = (obj: unknown, path: string) =>
  path
    .split('.')
    .reduce<unknown>(
      (v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined),
      obj,
    );

describe('weft run --engine des', () => {
  let dir: string;
  let scenarioPath: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'weft-run-'));
    scenarioPath = join(dir, 'small.yaml');
    await writeFile(scenarioPath, stringify({ ...smallScenario(), name: 'small' }));
  });

  it('writes report.json with every KPI and a self-contained report.html, and prints the table', async () => {
    const out = join(dir, 'a');
    const res = await weft([
      'run',
      '--engine',
      'des',
      '--scenario',
      scenarioPath,
      '--seed',
      '3',
      '--out',
      out,
      '--no-progress',
    ]);
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/lead time p50 \/ p90 \/ p99/);
    const report = JSON.parse(await readFile(join(out, 'report.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    for (const key of REQUIRED_KEYS) expect([key, at(report, key)]).not.toEqual([key, undefined]);
    expect(report).toMatchObject({ engine: 'des', scenario: 'small', seed: 3 });
    expect(at(report, 'workshops.utilizationByHour')).toHaveLength(24);
    const html = await readFile(join(out, 'report.html'), 'utf8');
    expect(html).toMatch(/^<!doctype html>/i);
    expect(html).not.toMatch(/<script[^>]+src=/);
  });

  it('writes the same report.json again for the same seed, wall-clock fields aside', async () => {
    const read = async (sub: string) => {
      const r = JSON.parse(await readFile(join(dir, sub, 'report.json'), 'utf8')) as Record<
        string,
        unknown
      >;
      delete r.run;
      return JSON.stringify(r);
    };
    await weft([
      'run',
      '--scenario',
      scenarioPath,
      '--seed',
      '3',
      '--out',
      join(dir, 'b'),
      '--no-progress',
    ]);
    expect(await read('b')).toBe(await read('a'));
  });

  it('rejects a bad flag with a message naming it', async () => {
    const res = await weft(['run', '--seed', 'abc']);
    expect(res.code).not.toBe(0);
    expect(res.stderr).toMatch(/--seed.*expected an integer, got "abc"/);
    const scale = await weft(['run', '--scale', '0']);
    expect(scale.code).not.toBe(0);
    expect(scale.stderr).toMatch(/--scale.*expected a number > 0, got "0"/);
    const engine = await weft(['run', '--engine', 'spark']);
    expect(engine.stderr).toMatch(/--engine.*spark.*des, kafka/);
  });

  it('rejects an unknown scenario name and a bad scenario file, naming what is wrong', async () => {
    const missing = await weft(['run', '--scenario', 'no-such-scenario']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/no scenario named "no-such-scenario"/);

    const bad = join(dir, 'bad.yaml');
    await writeFile(
      bad,
      stringify({ ...smallScenario(), shops: { ...smallScenario().shops, count: -3 } }),
    );
    const res = await weft(['run', '--scenario', bad]);
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/scenario\.shops\.count: expected a positive integer, got -3/);
  });
});
