/**
 * Watching a kept run from the terminal, as a user would: one small run with `weft run
 * --keep` (about 200 orders, as fast as the pipeline carries), then `weft tail`, `weft
 * trace`, `weft lag`, `weft stack status` and `weft stop` against it, each the real CLI.
 * The run's stack home is a temporary one: the machine's Kafka and Redis are used there as
 * found (external), never stopped.
 */
import { execFile, spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { stringify } from 'yaml';
import { DAY_MS, HOUR_MS, MINUTE_MS, type Scenario } from '@weft/domain';
import { isAlive } from '../src/stack/processes';
import { REPO_ROOT } from '../../tests/support/processes';
import { scenarioFile } from '../../tests/support/scenarios';
import { eventually, testStack } from '../../tests/support/test-env';

const exec = promisify(execFile);
const WEFT = join(REPO_ROOT, 'bin', 'weft.js');

/** An hour of demand, two hundred orders, delivered within a simulated day. */
function smallHour(): Scenario {
  const s = scenarioFile('default');
  return {
    ...s,
    name: 'watch',
    durationHours: 1,
    horizonHours: 24,
    demand: {
      ...s.demand,
      ordersPerHour: 200,
      hourlyCurve: s.demand.hourlyCurve.map(() => 1),
      wantedLeadHours: { min: 16, max: 22 },
    },
    shops: { ...s.shops, count: 10 },
    workshops: { ...s.workshops, count: 10 },
    shipping: { ...s.shipping, transitHours: { min: 2, max: 4 } },
  };
}

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

let env: NodeJS.ProcessEnv;

async function weft(args: string[]): Promise<Result> {
  try {
    const { stdout, stderr } = await exec(process.execPath, [WEFT, ...args], {
      cwd: REPO_ROOT,
      env,
      maxBuffer: 64 * 2 ** 20,
    });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** `weft tail …` until `enough` says its output is, then Ctrl-C; resolves what it printed and its exit code. */
function tailUntil(args: string[], enough: (stdout: string) => boolean): Promise<Result> {
  const child = spawn(process.execPath, [WEFT, 'tail', ...args], { cwd: REPO_ROOT, env });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => {
    stdout += d.toString();
    if (enough(stdout)) child.kill('SIGINT');
  });
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolveExit) =>
    child.on('exit', (code) => resolveExit({ code: code ?? -1, stdout, stderr })),
  );
}

/** `weft tail … | head -1`: the reader goes away after the first lines; resolves the exit code. */
function tailIntoClosedPipe(args: string[]): Promise<number> {
  const child = spawn(process.execPath, [WEFT, 'tail', ...args], { cwd: REPO_ROOT, env });
  child.stdout.once('data', () => child.stdout.destroy());
  return new Promise((resolveExit) => child.on('exit', (code) => resolveExit(code ?? -1)));
}

/** `d1 06:30:00.250` back to simulated milliseconds. */
function simMs(text: string): number {
  const m = /^d(\d+) (\d\d):(\d\d):(\d\d)\.(\d{3})/.exec(text);
  if (!m) throw new Error(`not a simulated time: "${text}"`);
  const [day, h, min, s, ms] = m.slice(1).map(Number) as [number, number, number, number, number];
  return day * DAY_MS + h * HOUR_MS + min * MINUTE_MS + s * 1000 + ms;
}

describe('watching a kept run from the terminal', () => {
  jest.setTimeout(240_000);
  let dir: string;
  let runId = '';
  let servicePids: number[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'weft-watch-'));
    const broker = testStack().brokers[0] ?? '127.0.0.1:9092';
    env = {
      ...process.env,
      WEFT_HOME: join(dir, 'home'),
      WEFT_KAFKA_PORT: broker.slice(broker.lastIndexOf(':') + 1),
      WEFT_REDIS_URL: testStack().redisUrl,
    };
    await writeFile(join(dir, 'watch.yaml'), stringify(smallHour()));
  });

  afterAll(async () => {
    // A failed assertion may leave the run up: stop it (only its own processes, by pid).
    if (runId && servicePids.some((pid) => pid > 0)) await weft(['stop', '--run', runId]);
    await rm(dir, { recursive: true, force: true });
  });

  it('returns once the report is written and leaves the services running, listed by stack status', async () => {
    const out = join(dir, 'out');
    const run = await weft([
      'run',
      '--engine',
      'kafka',
      '--keep',
      '--pace',
      'max',
      '--scenario',
      join(dir, 'watch.yaml'),
      '--out',
      out,
      '--no-progress',
    ]);
    expect(run.stderr).not.toMatch(/audit: FAILED/);
    expect(run.code).toBe(0);
    runId = /run (\S+) kept/.exec(run.stdout)?.[1] ?? '';
    expect(runId).toMatch(/^r\w+$/);

    const status = await weft(['stack', 'status']);
    const rows = status.stdout.split('\n').filter((l) => l.startsWith(runId));
    expect(rows.map((r) => r.split(/\s+/)[2]).sort()).toEqual(
      [
        'bidding-1',
        'capacity-1',
        'consumers-1',
        'monitor-1',
        'payments-1',
        'shops-1',
        'wholesalers-1',
      ].sort(),
    );
    for (const row of rows) expect(row).toMatch(/\bkept\b.*\bup\b/);
    servicePids = rows.map((r) => Number(r.split(/\s+/)[3]));
    for (const pid of servicePids) expect(await isAlive(pid)).toBe(true);
    const report = JSON.parse(await readFile(join(out, 'report.json'), 'utf8')) as {
      orders: { placed: number };
    };
    expect(report.orders.placed).toBeGreaterThan(100);
  });

  it('tails, filters, traces and shows lag; refuses an unknown topic or field, naming the choices', async () => {
    const placed = JSON.parse(await readFile(join(dir, 'out', 'report.json'), 'utf8')) as {
      orders: { placed: number };
    };
    const lines = (s: string) => s.split('\n').filter(Boolean);
    const [all, one, closed, lag, badTopic, badFilter] = await Promise.all([
      tailUntil(
        ['orders.placed', '--run', runId, '--from-beginning', '--json'],
        (s) => lines(s).length >= placed.orders.placed,
      ),
      tailUntil(
        ['orders.placed', '--run', runId, '--from-beginning', '--filter', 'orderId=o7'],
        (s) => lines(s).length >= 1,
      ),
      tailIntoClosedPipe(['all', '--run', runId, '--from-beginning']),
      weft(['lag', '--run', runId, '--json']),
      weft(['tail', 'orders.placd', '--run', runId]),
      weft(['tail', 'orders.placed', '--run', runId, '--filter', 'colour=red']),
    ]);

    // Every placement, once, each an envelope as the services read it; nothing else on stdout.
    expect(all.code).toBe(0);
    const envelopes = lines(all.stdout).map(
      (l) => JSON.parse(l) as { type: string; orderId: string; atMs: number },
    );
    expect(envelopes).toHaveLength(placed.orders.placed);
    expect(new Set(envelopes.map((e) => e.type))).toEqual(new Set(['OrderPlaced']));
    expect(new Set(envelopes.map((e) => e.orderId)).size).toBe(placed.orders.placed);

    expect(one.code).toBe(0);
    expect(lines(one.stdout)).toHaveLength(1);
    expect(one.stdout).toMatch(/^d\d+ \d\d:\d\d:\d\d\.\d{3} {2}OrderPlaced +o7 +.*shop=s\d+/);

    // The reader left (EPIPE): tail stops on its own, without an error.
    expect(closed).toBe(0);

    expect(badTopic.code).toBe(2);
    expect(badTopic.stderr).toMatch(
      /unknown topic "orders.placd": expected all or one of .*orders\.placed/,
    );
    expect(badFilter.code).toBe(2);
    expect(badFilter.stderr).toMatch(/unknown field "colour".*orderId.*shopId/);

    // Every service's group, each partition's lag its end less its committed offset.
    expect(lag.code).toBe(0);
    const figures = JSON.parse(lag.stdout) as {
      groups: { service: string; lag: number; committed: number; end: number; state: string }[];
      partitions: { groupId: string; committed: number; end: number; lag: number }[];
    };
    expect(figures.groups.map((g) => g.service)).toEqual([
      'consumers',
      'shops',
      'bidding',
      'payments',
      'wholesalers',
      'capacity',
      'monitor',
    ]);
    for (const g of figures.groups) expect(g.state).toBe('Stable');
    for (const p of figures.partitions) expect(p.lag).toBe(p.end - p.committed);
    const placedEnds = figures.partitions.filter(
      (p) => p.groupId.endsWith('-payments') && 'topic' in p && p.topic === 'orders.placed',
    );
    expect(placedEnds.reduce((n, p) => n + p.end, 0)).toBe(placed.orders.placed);

    // The journey of an order seen in the tail, on the newest run by default.
    const orderId = envelopes[envelopes.length - 1]?.orderId ?? '';
    const [trace, missing] = await Promise.all([
      weft(['trace', orderId]),
      weft(['trace', 'o999999', '--run', runId]),
    ]);
    expect(trace.code).toBe(0);
    const steps = lines(trace.stdout).slice(1);
    expect(steps[0]).toMatch(/orders\.placed +OrderPlaced/);
    expect(steps.length).toBeGreaterThanOrEqual(8);
    const times = steps.map(simMs);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    // Settled or refunded: the journey reaches the end of an order's life.
    expect(trace.stdout).toMatch(/payments\.settled +(EscrowReleased|EscrowRefunded)/);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(`order o999999 not found in run ${runId}`);
  });

  it('stops the kept run: its services gone, the run forgotten', async () => {
    const stop = await weft(['stop', '--run', runId]);
    expect(stop.code).toBe(0);
    expect(stop.stdout).toMatch(`run ${runId}: 7 service(s) stopped`);
    await eventually('the services to exit', async () =>
      (await Promise.all(servicePids.map(isAlive))).every((alive) => !alive) ? true : undefined,
    );
    servicePids = [];
    expect(await readdir(join(dir, 'home', 'runs'))).toEqual([]);
  });
});
