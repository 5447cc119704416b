/**
 * `weft sweep` as a user runs it: the built CLI over a tiny grid (the default world at a
 * hundredth of its size, two commission rates × five seeds). Needs no broker.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../../tests/support/processes';
import { weft } from './support/weft-cli';

const GRID = [
  'sweep',
  '--scenario',
  'default',
  '--scale',
  '0.01',
  '--param',
  'payments.commissionRate=0.02,0.1',
  '--seeds',
  '5',
  '--no-progress',
];

interface SummaryJson {
  params: { path: string; values: number[] }[];
  points: {
    params: Record<string, number>;
    n: number;
    kpis: Record<string, { mean: number | null; ci95Low: number | null; ci95High: number | null }>;
  }[];
}

describe('weft sweep', () => {
  let dir: string;
  let two: { code: number; stdout: string; stderr: string };

  beforeAll(async () => {
    if (!existsSync(join(REPO_ROOT, 'dist', 'cli', 'src', 'sweep', 'sweep-worker.js')))
      throw new Error('dist/ has no sweep worker: run `npm run build` first');
    dir = await mkdtemp(join(tmpdir(), 'weft-sweep-'));
    two = await weft([...GRID, '--workers', '2', '--out', join(dir, 'two')]);
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes runs.csv with a row per point and seed, and prints where the files are', async () => {
    expect(two.stderr).toMatch(/2 points × 5 seeds = 10 runs/);
    expect(two.code).toBe(0);
    for (const f of ['runs.csv', 'summary.csv', 'summary.json', 'sweep.html'])
      expect([f, existsSync(join(dir, 'two', f))]).toEqual([f, true]);
    expect(two.stdout).toContain(join(dir, 'two', 'runs.csv'));
    const lines = (await readFile(join(dir, 'two', 'runs.csv'), 'utf8')).trimEnd().split('\n');
    expect(lines).toHaveLength(1 + 10);
    expect(lines[0]).toMatch(/^payments\.commissionRate,seed,placed,/);
    expect(lines.slice(1).map((l) => l.split(',').slice(0, 2).join(','))).toEqual(
      ['0.02', '0.1'].flatMap((rate) => [1, 2, 3, 4, 5].map((seed) => `${rate},${seed}`)),
    );
  });

  it('summarises two points, each mean inside its 95 % interval', async () => {
    const summary = JSON.parse(
      await readFile(join(dir, 'two', 'summary.json'), 'utf8'),
    ) as SummaryJson;
    expect(summary.points.map((p) => p.params)).toEqual([
      { 'payments.commissionRate': 0.02 },
      { 'payments.commissionRate': 0.1 },
    ]);
    for (const p of summary.points) {
      expect(p.n).toBe(5);
      expect(p.kpis.placed?.mean).toBeGreaterThan(0);
      for (const [kpi, s] of Object.entries(p.kpis)) {
        if (s.mean === null) continue;
        expect([kpi, s.ci95Low !== null && s.ci95Low <= s.mean]).toEqual([kpi, true]);
        expect([kpi, s.ci95High !== null && s.mean <= s.ci95High]).toEqual([kpi, true]);
      }
    }
    const csv = (await readFile(join(dir, 'two', 'summary.csv'), 'utf8')).trimEnd().split('\n');
    expect(csv).toHaveLength(1 + 2);
  });

  it('writes a page that loads nothing from the network', async () => {
    const html = await readFile(join(dir, 'two', 'sweep.html'), 'utf8');
    expect(html).toMatch(/^<!doctype html>/i);
    expect(html).not.toMatch(/\b(?:src|href)\s*=\s*["']?\s*(?:https?:)?\/\//i);
    expect(html).not.toMatch(/<link\b|<script\b[^>]*\bsrc=/i);
    // Outside the inlined library (whose SVG namespace strings are not fetched), no URL at all.
    const ours = html.replace(/<script>[\s\S]*?<\/script>/g, '');
    expect(ours).not.toMatch(/https?:\/\//);
  });

  it('gives byte-identical runs.csv for the same seeds with one worker or two', async () => {
    const one = await weft([...GRID, '--workers', '1', '--out', join(dir, 'one')]);
    expect(one.code).toBe(0);
    const read = (sub: string, f: string) => readFile(join(dir, sub, f), 'utf8');
    expect(await read('one', 'runs.csv')).toBe(await read('two', 'runs.csv'));
    expect(await read('one', 'summary.csv')).toBe(await read('two', 'summary.csv'));
  });

  it('exits 2 on a bad flag, naming it', async () => {
    const path = await weft(['sweep', '--param', 'payments.comissionRate=0.1']);
    expect(path.code).toBe(2);
    expect(path.stderr).toMatch(
      /--param payments.comissionRate: not in the scenario; numeric paths near it: payments.commissionRate/,
    );
    const seeds = await weft(['sweep', '--seeds', '3']);
    expect(seeds.code).toBe(2);
    expect(seeds.stderr).toMatch(/--seeds: expected a whole number of seeds from 5/);
    const unknown = await weft(['sweep', '--seeds-count', '5']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown option '--seeds-count'/);
  });
});
