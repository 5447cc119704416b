import { EventParseError } from './events.schema';
import { OpsLimits } from './limits';
import { parseScalingRecord, parseUsageRecord } from './ops.schema';

const usage = (over: object = {}) => ({
  v: 1,
  kind: 'usage',
  service: 'shops',
  instanceId: 'shops-4242',
  events: 120,
  applied: 480,
  life: 'a1b2c3',
  simMs: 3_600_000,
  wallMs: Date.UTC(2025, 0, 1),
  ...over,
});

const scaled = (over: object = {}) => ({
  v: 1,
  kind: 'scaled',
  service: 'bidding',
  hour: 3,
  demandUnits: 12_000,
  instances: 2,
  utilization: 0.3,
  costCents: 20,
  consumerLag: 17,
  recommendedReplicas: 1,
  wallMs: Date.UTC(2025, 0, 1),
  ...over,
});

function reasonOf(parse: () => unknown): string {
  try {
    parse();
  } catch (err) {
    if (err instanceof EventParseError) return err.reason;
    throw err;
  }
  throw new Error('expected the record to be refused');
}

describe('operational records', () => {
  it('refuses a usage record whose simulated time is near 2^53, naming simMs', () => {
    expect(parseUsageRecord(usage()).simMs).toBe(3_600_000);
    expect(reasonOf(() => parseUsageRecord(usage({ simMs: 2 ** 53 - 2 })))).toMatch(
      /^usage\.simMs: /,
    );
  });

  it('refuses a scaling record for an hour past any run, naming the hour', () => {
    expect(reasonOf(() => parseScalingRecord(scaled({ hour: 2 ** 40 })))).toMatch(
      /^scaled\.hour: /,
    );
  });

  it('refuses a 700 KB instance id with a short reason', () => {
    const reason = reasonOf(() => parseUsageRecord(usage({ instanceId: 'i'.repeat(700_000) })));
    expect(reason).toMatch(/^usage\.instanceId: /);
    expect(reason.length).toBeLessThanOrEqual(1024);
  });

  it('accepts records at the largest values a run makes', () => {
    const instanceId = 'i'.repeat(OpsLimits.instanceIdChars);
    expect(() =>
      parseUsageRecord(usage({ instanceId, events: OpsLimits.events, simMs: OpsLimits.simMs })),
    ).not.toThrow();
    expect(() =>
      parseScalingRecord(scaled({ hour: OpsLimits.hour, consumerLag: OpsLimits.events })),
    ).not.toThrow();
    expect(OpsLimits.events).toBeLessThanOrEqual(Number.MAX_SAFE_INTEGER);
  });
});
