/**
 * The monitor's dashboard in a real browser (Debian's headless Chromium) during a small
 * Kafka run: the clock and the counters move, an order's journey opens, and the page is
 * photographed: into out/screenshots/, and for the README (docs/img/dashboard.png) when
 * WEFT_UPDATE_SCREENSHOTS=1, so a test run leaves the tracked picture as it is.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { KafkaRun } from '@weft/engine-kafka';
import { REPO_ROOT } from './support/processes';
import { smallDay } from './support/scenarios';
import { eventually, testStack } from './support/test-env';

const CHROMIUM = '/usr/bin/chromium';
const SCREENSHOT =
  process.env.WEFT_UPDATE_SCREENSHOTS === '1'
    ? join(REPO_ROOT, 'docs', 'img', 'dashboard.png')
    : join(REPO_ROOT, 'out', 'screenshots', 'dashboard.png');

/** What the page's header says now: the simulated clock in minutes, and the events counted. */
async function readHeader(page: Page): Promise<{ simMinutes: number; events: number }> {
  const clock = /day (\d+), (\d\d):(\d\d)/.exec((await page.textContent('#sim-clock')) ?? '');
  const events = ((await page.textContent('#events-total')) ?? '').replace(/\D/g, '');
  return {
    simMinutes: clock
      ? (Number(clock[1]) - 1) * 1440 + Number(clock[2]) * 60 + Number(clock[3])
      : -1,
    events: events === '' ? -1 : Number(events),
  };
}

/** The journey table's rows, as text. */
const journeyRows = (page: Page) => page.locator('#journey tr').allTextContents();

describe('the dashboard, in a browser, during a run', () => {
  jest.setTimeout(150_000);
  let run: KafkaRun | null = null;
  let browser: BrowserContext | null = null;
  const profile = mkdtempSync(join(tmpdir(), 'weft-chromium-'));

  beforeAll(() => {
    if (!existsSync(CHROMIUM))
      throw new Error(
        `${CHROMIUM} is missing: this test drives Debian's headless Chromium (apt-get install -y chromium)`,
      );
  });

  afterAll(async () => {
    await browser?.close();
    await run?.close();
    rmSync(profile, { recursive: true, force: true });
  });

  it('shows the clock and the counters moving, and an order journey across topics and services', async () => {
    const { brokers, redisUrl } = testStack();
    run = await KafkaRun.open(
      smallDay('dashboard', 60, {
        wantedLeadHours: { min: 14, max: 24 },
        transitHours: { min: 2, max: 4 },
      }),
      {
        pace: 4,
        instances: {},
        keep: false,
        partitions: 3,
        outDir: mkdtempSync(join(tmpdir(), 'weft-dashboard-')),
        stack: { up: () => Promise.resolve({ brokers, redisUrl, stop: () => Promise.resolve() }) },
      },
    );
    run.startClock();
    const url = run.dashboardUrl;
    if (!url) throw new Error('the run started no monitor');

    browser = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
      viewport: { width: 1440, height: 900 },
    });
    const page = browser.pages()[0] ?? (await browser.newPage());
    const failures: string[] = [];
    page.on('pageerror', (err) => failures.push(err.message));
    await page.goto(url);
    const first = await eventually(
      'the page showing the simulated clock',
      async () => {
        const h = await readHeader(page);
        return h.simMinutes >= 0 ? h : undefined;
      },
      60_000,
      250,
    );
    const second = await eventually(
      'the clock and the event counter to move',
      async () => {
        const h = await readHeader(page);
        return h.simMinutes > first.simMinutes && h.events > first.events ? h : undefined;
      },
      60_000,
      250,
    );
    expect(second.simMinutes).toBeGreaterThan(first.simMinutes);
    expect(second.events).toBeGreaterThan(first.events);

    // The earliest of the orders just placed has had the most time to move on.
    const sample = page.locator('#sample-placed button');
    await sample.first().waitFor({ timeout: 30_000 });
    await sample.last().click();
    const rows = await eventually(
      'the journey to show OrderPlaced and, later, EscrowHeld',
      async () => {
        const shown = await journeyRows(page);
        const has = (type: string) => shown.some((r) => r.startsWith(type));
        return has('OrderPlaced') && has('EscrowHeld') ? shown : undefined;
      },
      30_000,
      250,
    );
    expect(rows.find((r) => r.startsWith('OrderPlaced'))).toContain('orders.placed');
    expect(rows.find((r) => r.startsWith('OrderPlaced'))).toContain('consumers');
    expect(rows.some((r) => r.startsWith('EscrowHeld') && r.includes('payments'))).toBe(true);

    // For the picture: some orders delivered, if the run gets there soon (it need not).
    await eventually(
      'some orders delivered',
      async () =>
        /delivered\s*[1-9]/.test((await page.textContent('#within')) ?? '') ? true : undefined,
      30_000,
      500,
    ).catch(() => undefined);
    mkdirSync(dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    expect(existsSync(SCREENSHOT)).toBe(true);
    expect(failures).toEqual([]);
  });
});
