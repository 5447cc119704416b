import { SERVICE_NAMES } from '@weft/contracts';
import { eventually, testStack } from './support/test-env';
import {
  exitWithin,
  freePort,
  serviceEntry,
  startProcess,
  type RunningProcess,
} from './support/processes';

async function health(port: number): Promise<Record<string, unknown> | undefined> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/health`);
    return res.ok ? ((await res.json()) as Record<string, unknown>) : undefined;
  } catch {
    return undefined; // not listening yet
  }
}

describe('each service as its own process', () => {
  const started: RunningProcess[] = [];
  afterAll(() => started.forEach((p) => p.child.exitCode === null && p.child.kill('SIGKILL')));

  it.each(SERVICE_NAMES)(
    '%s answers /health and exits 0 within 5 s of SIGTERM',
    async (service) => {
      const port = await freePort();
      const proc = startProcess(serviceEntry(service), {
        WEFT_KAFKA_BROKERS: testStack().brokers.join(','),
        WEFT_REDIS_URL: testStack().redisUrl,
        WEFT_HTTP_PORT: String(port),
        WEFT_HTTP_HOST: '127.0.0.1',
        WEFT_LOG_LEVEL: 'warn',
      });
      started.push(proc);
      const body = await eventually(`${service} /health`, async () => {
        if (proc.child.exitCode !== null)
          throw new Error(`${service} exited early:\n${proc.output()}`);
        return health(port);
      });
      expect(body).toMatchObject({ status: 'ok', service });

      proc.child.kill('SIGTERM');
      await expect(exitWithin(proc, 5000)).resolves.toEqual({ code: 0, signal: null });
    },
  );

  it('refuses to start on a bad variable and names it', async () => {
    const proc = startProcess(serviceEntry('payments'), {
      WEFT_HTTP_PORT: 'eighty',
      WEFT_KAFKA_BROKERS: 'not a broker',
      WEFT_REDIS_URL: 'redis://user:hunter2@127.0.0.1:6379',
      WEFT_LOG_LEVEL: 'loud',
    });
    const exit = await exitWithin(proc, 10_000);
    expect(exit.code).toBe(78);
    const out = proc.output();
    expect(out).toMatch(/WEFT_HTTP_PORT: expected an integer 0-65535, got "eighty"/);
    expect(out).toMatch(/WEFT_KAFKA_BROKERS.*expected host:port/);
    expect(out).toMatch(/WEFT_LOG_LEVEL: expected one of/);
    expect(out).not.toMatch(/hunter2/);
  });
});
