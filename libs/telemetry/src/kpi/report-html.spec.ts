import { version as echartsVersion } from 'echarts/package.json';
import type { RunReport } from './report';
import { renderReportHtml } from './report-html';

function aReport(overrides: Partial<RunReport> = {}): RunReport {
  const hours = 6;
  return {
    engine: 'des',
    scenario: 'evening-peak',
    seed: 7,
    warmupDays: 0,
    horizonHours: hours,
    orders: {
      placed: 10,
      delivered: 7,
      cancelled: 1,
      open: 2,
      walkedAway: 1,
      deliveredShare: 0.7,
      cancelledShare: 0.1,
    },
    ledger: {
      sum: 0,
      escrowHeld: 1200,
      balances: { consumers: -5000, shops: 3800 },
      rejectedPayouts: 0,
    },
    leadTimeHours: { p50: 2.5, p90: 4, p99: 5, mean: 2.8, max: 5 },
    deliveredWithin: { h24: 1, h48: 1, h72: 1 },
    onTimeShare: 0.86,
    workshops: {
      count: 3,
      utilizationByHour: Array.from({ length: 24 }, (_, h) => (h >= 8 && h < 20 ? 0.7 : 0.1)),
      hoursPerWorkerPerDay: 9.5,
      overtimeHoursPerWorkerPerDay: 1.5,
      overtimeShare: 0.16,
      meanMarkup: 0.22,
      meanWinningMarkup: 0.18,
      valueAddedPerWorkerHour: 620,
      wageCentsPerHour: 600,
      hoursPerWorkerDay: {
        workerDays: 36,
        workerHours: 342,
        mean: 9.5,
        p50: 12,
        p90: 14,
        over11hShare: 0.6,
        idleShare: 0.2,
        nightShare: 0.16,
        nightWorkerDayShare: 0.25,
        histogram: [7, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 20, 5, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0],
      },
      revenue: 11900,
      material: 6000,
      wageBill: 3400,
      ownersMargin: 2500,
      capitalCost: 1000,
      ownersMarginAfterCapital: 1500,
      byTechnology: {
        manual: {
          workshops: 2,
          lines: 6,
          ordersWon: 6,
          revenue: 7400,
          material: 3600,
          wageBill: 2400,
          ownersMargin: 1400,
          capitalCost: 0,
          ownersMarginAfterCapital: 1400,
          netMarginPerLineDay: 233.3333,
          utilization: 0.35,
        },
        automated: {
          workshops: 1,
          lines: 3,
          ordersWon: 4,
          revenue: 4500,
          material: 2400,
          wageBill: 1000,
          ownersMargin: 1100,
          capitalCost: 1000,
          ownersMarginAfterCapital: 100,
          netMarginPerLineDay: 33.3333,
          utilization: 0.25,
        },
      },
      workerIncomePerWorkerDay: 5700,
    },
    prices: {
      meanListing: 2500,
      meanWinningBid: 1700,
      meanUnitCost: 1400,
      platformTake: 1750,
      platformTakeShare: 0.1,
      gmvCents: 17500,
      meanShopMarginShare: 0.2,
      split: {
        material: 0.5,
        labour: 0.2,
        workshopMargin: 0.05,
        shop: 0.2,
        platform: 0.05,
        wholesaler: 0,
      },
    },
    shops: {
      netCents: 3500,
      meanNetMarginShare: 0.2,
      negativeMarginShare: 0.1,
      topDecileOrderShare: 0.3,
    },
    byCategory: [
      {
        name: '<tee>',
        workshops: 3,
        lines: 9,
        placed: 10,
        delivered: 7,
        cancelled: 3,
        cancelledShare: 0.3,
        onTimeShare: 0.86,
        leadTimeHours: { p50: 2.5, p90: 4, mean: 2.8 },
        load: 1.25,
        utilization: 0.4,
      },
    ],
    wholesale: {
      wholesalers: 0,
      batches: 0,
      batchUnits: 0,
      supplyLeadDays: { p50: 0, p90: 0, mean: 0 },
      requests: 0,
      fillRate: 0,
      unitsSold: 0,
      stockAtEnd: 0,
      stockAtEndDays: 0,
      salesCents: 0,
      purchasesCents: 0,
    },
    bids: { perRfq: 2.5, rfqs: 10, secondRounds: 1 },
    capacity: {
      unitHours: 12,
      demandUnits: 40,
      cost: 960,
      meanUtilization: 0.55,
      peakInstances: 3,
      instancesByHour: [1, 2, 3, 3, 2, 1],
      utilizationByHour: [0.3, 0.6, 0.8, 0.7, 0.5, 0.4],
    },
    events: {
      total: 60,
      perSecond: 0.003,
      byType: { OrderPlaced: 10, BidPlaced: 25, OrderDelivered: 7 },
    },
    series: {
      placedByHour: [1, 2, 3, 2, 1, 1],
      deliveredByHour: [0, 0, 1, 2, 2, 2],
      cancelledByHour: [0, 0, 0, 1, 0, 0],
      meanListingByHour: [2400, 2500, 0, 2600, 2500, 2500],
      meanWinningBidByHour: [1600, 1700, 0, 1800, 1700, 1700],
      meanUnitCostByHour: [1400, 1400, 0, 1400, 1400, 1400],
      leadTimeByPlacedHour: [3, 2.5, 2, 0, 0, 0],
      leadTimeHistogram: { binHours: 2, counts: [1, 4, 2] },
    },
    run: {
      wallSeconds: 0.4,
      peakRssMb: 120,
      eventsPerWallSecond: 150,
      ordersPerWallSecond: 25,
      startedAt: '2025-01-01T00:00:00.000Z',
    },
    ...overrides,
  };
}

/** The text of the JSON script element; JSON.parse reads the \u003c escapes back as "<". */
function embeddedJson(html: string): string {
  const match = /<script type="application\/json" id="weft-report">([\s\S]*?)<\/script>/.exec(html);
  if (match?.[1] === undefined) throw new Error('report JSON element not found');
  return match[1];
}

describe('renderReportHtml', () => {
  it('loads nothing from the network', () => {
    const html = renderReportHtml(aReport());
    expect(html).not.toMatch(/\b(?:src|href)\s*=\s*["']?\s*(?:https?:)?\/\//i);
    expect(html).not.toMatch(/<link\b|<script\b[^>]*\bsrc=/i);
  });

  it('inlines ECharts', () => {
    const html = renderReportHtml(aReport());
    expect(html).toContain(`version="${echartsVersion}"`);
    expect(html).toContain("echarts.init(el, null, { renderer: 'svg' })");
  });

  it('shows each category and where the consumer’s money goes, escaping names', () => {
    const html = renderReportHtml(aReport());
    expect(html).toContain('&lt;tee&gt;');
    expect(html).not.toContain('<td class="name"><tee>');
    expect(html).toContain(`Workshop owners’ margin</td><td class="num">5.0\u00a0%`);
    expect(html).toContain(`Orders a shop lost money on</td><td class="num">10.0\u00a0%`);
  });

  it('names the scenario', () => {
    expect(renderReportHtml(aReport({ scenario: 'small-town' }))).toContain('<h1>small-town</h1>');
  });

  it('embeds the report as JSON that parses back to the same report', () => {
    const report = aReport();
    expect(JSON.parse(embeddedJson(renderReportHtml(report)))).toEqual(report);
  });

  it('keeps a scenario name holding </script> inside the JSON element', () => {
    const scenario = '</script><script>alert(1)</script>';
    const html = renderReportHtml(aReport({ scenario }));
    expect(html).not.toContain(scenario);
    expect(html).not.toContain('<script>alert(1)');
    expect(html.match(/<script\b/g)).toHaveLength(3);
    expect(JSON.parse(embeddedJson(html)).scenario).toBe(scenario);
  });

  it('shows a distributed run its latency per hop, scaling and throughput, and a DES run none', () => {
    const kafka = renderReportHtml(
      aReport({
        engine: 'kafka',
        kafka: {
          runId: 'r1',
          timeScale: 0.75,
          instances: { shops: 2 },
          duplicatesDelivered: 0,
          deadLetters: 3,
          drained: true,
          liveSeconds: 12.5,
          eventsPerLiveSecond: 1234,
          latency: {
            hops: {
              'placed→escrow': { count: 9, p50Ms: 11, p90Ms: 20, p99Ms: 31, p999Ms: 39, maxMs: 40 },
            },
            timerLateness: { count: 4, p50Ms: 37, p90Ms: 70, p99Ms: 151, p999Ms: 190, maxMs: 200 },
          },
          scaling: { shops: { consumerLag: 250, recommendedReplicas: 3 } },
        },
      }),
    );
    expect(kafka).toContain('<h2>Distributed run</h2>');
    expect(kafka).toMatch(/placed→escrow<\/td><td class="num">9<\/td><td class="num">11 ms/);
    expect(kafka).toMatch(/timer lateness<\/td><td class="num">4<\/td><td class="num">37 ms/);
    expect(kafka).toMatch(
      /shops<\/td><td class="num">2<\/td><td class="num">250<\/td><td class="num">3</,
    );
    expect(renderReportHtml(aReport())).not.toContain('Distributed run');
  });

  it('shows hours per worker-day as a distribution, and the wage bill beside the owners’ margin', () => {
    const html = renderReportHtml(aReport());
    expect(html).toContain('<h2>Labour</h2>');
    expect(html).toMatch(/<dt>p50<\/dt><dd>12.0\sh<\/dd><\/div><div><dt>p90<\/dt><dd>14.0\sh/);
    expect(html).toMatch(/<dt>over 11 h<\/dt><dd>60.0\s%/);
    expect(html).toMatch(
      /<dt>wages<\/dt><dd>¤\s34.00<\/dd><\/div><div><dt>owners<\/dt><dd>¤\s25.00/,
    );
    expect(html).toMatch(/Worker income<\/h3><p class="value">¤\s57.00\/day/);
    expect(html).toContain('id="chart-worker-day-hours"');
    expect(html).not.toContain('Effective hourly wage');
  });

  it('sets manual against automated workshops, and the owners’ margin after capital', () => {
    const html = renderReportHtml(aReport());
    expect(html).toContain('<h3>Manual and automated workshops</h3>');
    expect(html).toMatch(/Orders won<\/td><td class="num">6<\/td><td class="num">4</);
    expect(html).toMatch(
      /Capital cost<\/td><td class="num">¤\s0.00<\/td><td class="num">¤\s10.00</,
    );
    expect(html).toMatch(/Net margin per line-day<\/td><td class="num">¤\s2.33<\/td>/);
    expect(html).toMatch(/Utilisation<\/td><td class="num">35.0\s%<\/td><td class="num">25.0\s%/);
    expect(html).toMatch(/Owners’ margin after capital<\/h3><p class="value">¤\s15.00/);
  });

  it('shows the wholesalers of the traditional chain, and on the platform no such table', () => {
    expect(renderReportHtml(aReport())).not.toContain('<h3>Wholesalers</h3>');
    const base = aReport();
    const html = renderReportHtml(
      aReport({
        wholesale: {
          ...base.wholesale,
          wholesalers: 12,
          batches: 30,
          batchUnits: 9_000,
          supplyLeadDays: { p50: 25, p90: 30, mean: 25.4 },
          fillRate: 0.995,
          stockAtEnd: 4_000,
          stockAtEndDays: 19.3,
        },
      }),
    );
    expect(html).toContain('<h3>Wholesalers</h3>');
    expect(html).toMatch(
      /to the warehouse, p50 \/ p90 \/ mean<\/td><td class="num">25 \/ 30 \/ 25.4 days</,
    );
    expect(html).toMatch(/Requests filled from stock \(units\)<\/td><td class="num">99.5\s%/);
    expect(html).toMatch(
      /Stock left at the end<\/td><td class="num">4,000 units, 19.3 days of sales/,
    );
  });

  it('marks a ledger that does not sum to zero', () => {
    const html = renderReportHtml(aReport({ ledger: { ...aReport().ledger, sum: 5 } }));
    expect(html).toMatch(
      /<article class="kpi bad"><h3>Ledger sum<\/h3><p class="value">¤\s0.05<\/p>/,
    );
  });
});
