/**
 * `weft bench` end to end, as a user runs it: a small world, two short steps of load and a
 * window at pace max, then bench.json and bench.html, and the exit code `--min-ratio` asks for.
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BenchResult } from '@weft/engine-kafka';
import { REPO_ROOT, startProcess } from './support/processes';

const CLI = join(REPO_ROOT, 'dist', 'cli', 'src', 'main.js');

function weft(args: string[]) {
  return startProcess(CLI, { WEFT_LOG_LEVEL: 'warn' }, args);
}

describe('weft bench', () => {
  jest.setTimeout(240_000);

  it('measures the ceiling, judges each window, and fails below --min-ratio', async () => {
    const out = mkdtempSync(join(tmpdir(), 'weft-bench-'));
    const p = weft([
      'bench',
      '--scale',
      '0.02',
      '--instances',
      'shops=1,bidding=1',
      '--start-pace',
      '0.5',
      '--factor',
      '3',
      '--steps',
      '2',
      '--hold',
      '8',
      '--max-seconds',
      '8',
      '--ceiling-messages',
      '20000',
      '--min-ratio',
      '50',
      '--out',
      out,
    ]);
    const { code } = await p.exited;
    const output = p.output();
    expect(output).toContain('ratio 50');
    expect(code).toBe(1);
    const b = JSON.parse(readFileSync(join(out, 'bench.json'), 'utf8')) as BenchResult;
    expect(existsSync(join(out, 'bench.html'))).toBe(true);
    expect(b.ceiling.produceOnlyPerSec).toBeGreaterThan(0);
    expect(b.ceiling.relayPerSec).toBeGreaterThan(0);
    expect(b.ceiling.meanMessageBytes).toBeGreaterThan(100);
    // Each step asked for its pace; the closing window ran at pace max.
    const asked = b.windows.map((w) => w.askedPace);
    expect(asked[0]).toBeCloseTo(0.5, 6);
    expect(asked[asked.length - 1]).toBeNull();
    expect(b.pipeline.eventsPerSec).toBeGreaterThan(0);
    expect(b.ratio).toBeCloseTo(b.pipeline.eventsPerSec / b.ceiling.relayPerSec, 2);
    expect(b.pass).toEqual({ ok: false, failures: [expect.stringContaining('--min-ratio 50')] });
    // A sustained first step kept its pace, and the page's latency came from the monitor.
    const first = b.windows[0];
    if (first?.verdict.sustained) expect(first.verdict.achievedPace).toBeGreaterThan(0.45);
    expect(Object.keys(b.pipeline.hops)).toContain('placed→escrow');
    expect(b.pipeline.hops['placed→escrow']?.count).toBeGreaterThan(0);
    expect(b.series.length).toBeGreaterThan(10);
    expect(b.processes.map((x) => x.name)).toEqual(expect.arrayContaining(['bench (driver)']));
    expect(b.servicesPeakRssMb).toBeGreaterThan(0);
  });

  it('names a wrong flag and exits without starting anything', async () => {
    const p = weft(['bench', '--profile', 'sine']);
    const { code } = await p.exited;
    expect(code).not.toBe(0);
    expect(p.output()).toMatch(/--profile <kind>.*sine/s);
    const q = weft(['bench', '--factor', '1']);
    expect((await q.exited).code).not.toBe(0);
    expect(q.output()).toContain('--factor: expected a number above 1, got 1');
  });
});
