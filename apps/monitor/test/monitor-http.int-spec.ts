/**
 * The monitor's HTTP face, served before any run starts: the dashboard's page, files and
 * feed, and a clear 4xx for a request it cannot answer.
 */
import {
  exitWithin,
  freePort,
  serviceEntry,
  startProcess,
  type RunningProcess,
} from '../../../tests/support/processes';
import { eventually, runId, testStack } from '../../../tests/support/test-env';

describe('the monitor over HTTP', () => {
  let monitor: RunningProcess;
  let base = '';

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    // A run id of its own: no run is ever configured under it, so the monitor waits.
    monitor = startProcess(serviceEntry('monitor'), {
      WEFT_RUN_ID: runId('monitor-http'),
      WEFT_KAFKA_BROKERS: testStack().brokers.join(','),
      WEFT_REDIS_URL: testStack().redisUrl,
      WEFT_HTTP_PORT: String(port),
      WEFT_HTTP_HOST: '127.0.0.1',
      WEFT_LOG_LEVEL: 'warn',
    });
    await eventually('the monitor answering /health', async () => {
      if (monitor.child.exitCode !== null) throw new Error(`monitor exited:\n${monitor.output()}`);
      return fetch(`${base}/health`).then(
        (r) => (r.ok ? true : undefined),
        () => undefined,
      );
    });
  });

  afterAll(async () => {
    monitor?.child.kill('SIGTERM');
    // It stops within its shutdown deadline, the open feed ended first.
    await expect(exitWithin(monitor, 12_000)).resolves.toEqual({ code: 0, signal: null });
  });

  const message = async (path: string) => {
    const res = await fetch(base + path);
    return { status: res.status, message: ((await res.json()) as { message: string }).message };
  };

  it('refuses an order id that is not one, saying what one looks like', async () => {
    await expect(message('/orders/robert%27);DROP')).resolves.toEqual({
      status: 400,
      message: `orderId: expected "o" and a number (like o42), got "robert');DROP"`,
    });
  });

  it('says an order it has not seen is not found', async () => {
    await expect(message('/orders/o123')).resolves.toEqual({
      status: 404,
      message: 'order o123: not seen by this monitor (yet, or any more)',
    });
  });

  it('answers an unknown route or file with 404, naming it', async () => {
    await expect(message('/nowhere')).resolves.toEqual({
      status: 404,
      message: 'Cannot GET /nowhere',
    });
    await expect(message('/assets/..%2Fsrc%2Fmain.js')).resolves.toEqual({
      status: 404,
      message: 'asset "../src/main.js": the dashboard has dashboard.js and dashboard.css',
    });
  });

  it('serves the dashboard page and its bundled files from itself', async () => {
    const page = await fetch(`${base}/`);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await page.text();
    expect(html).toContain('<script defer src="assets/dashboard.js">');
    expect(html).not.toMatch(/https?:\/\//); // nothing from a CDN
    const js = await fetch(`${base}/assets/dashboard.js`);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect((await js.text()).length).toBeGreaterThan(100_000); // ECharts is in it
  });

  it('streams snapshots: the first at once, saying it waits for a run', async () => {
    // Left open: the monitor must still stop cleanly (afterAll) with a page watching.
    const res = await fetch(`${base}/events`);
    expect(res.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    const reader = res.body?.getReader();
    const first = await reader?.read();
    const frame = new TextDecoder().decode(first?.value);
    expect(frame.startsWith('data: ')).toBe(true);
    expect(JSON.parse(frame.slice(6))).toMatchObject({ listening: false, clock: null });
  });
});
