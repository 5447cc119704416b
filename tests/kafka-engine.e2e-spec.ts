/**
 * The distributed engine end to end: Kafka, Redis and every service as its own process
 * (two instances each of shops and bidding in one consumer group).
 */
import { Kafka, logLevel } from 'kafkajs';
import type { Scenario } from '@weft/domain';
import { runDes } from '@weft/engine-des';
import type { RunReport } from '@weft/telemetry';
import { runKafka, type KafkaRunOptions } from '../cli/src/run/kafka-run';
import { OrderAudit } from './support/order-audit';
import { scenarioFile } from './support/scenarios';
import { testStack } from './support/test-env';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Some hundreds of orders over six simulated hours, drained within the horizon. */
function e2eScenario(seed = 42): Scenario {
  const s = scenarioFile('default');
  return {
    ...s,
    name: 'e2e',
    seed,
    durationHours: 6,
    horizonHours: 60,
    demand: { ...s.demand, ordersPerHour: 300, wantedLeadHours: { min: 30, max: 48 } },
    shops: { ...s.shops, count: 40 },
    workshops: { ...s.workshops, count: 40 },
    shipping: { ...s.shipping, transitHours: { min: 4, max: 12 } },
  };
}

function kafkaRun(scenario: Scenario, extra: Partial<KafkaRunOptions> = {}) {
  const audit = new OrderAudit();
  const report = runKafka(scenario, {
    timeScale: 6,
    instances: { shops: 2, bidding: 2 },
    keep: false,
    partitions: 6,
    outDir: mkdtempSync(join(tmpdir(), 'weft-e2e-')),
    observe: audit.observe,
    ...extra,
  });
  return { audit, report };
}

function expectInvariants(r: RunReport, audit: OrderAudit): void {
  const states = [...audit.states().values()]; // throws if any order is in no single state
  expect(states.length).toBe(r.orders.placed);
  expect(r.orders.delivered).toBe(states.filter((s) => s === 'settled').length);
  expect(r.orders.cancelled).toBe(states.filter((s) => s === 'refunded').length);
  expect(r.ledger.sum).toBe(0);
  expect(r.ledger.rejectedPayouts).toBe(0);
  expect(r.ledger.escrowHeld).toBe(audit.openCents());
  // Applied once each: the ledger's accounts equal what the distinct events say.
  expect(r.ledger.balances.consumers).toBe(-audit.placedCents() + audit.refundedCents);
  expect(r.ledger.balances.platform).toBe(audit.commissionCents);
  expect(r.kafka?.drained).toBe(true);
}

describe('weft run --engine kafka', () => {
  jest.setTimeout(300_000);

  it('ends every order in one state, balances the ledger, applies nothing twice, dead-letters nothing', async () => {
    const { audit, report } = kafkaRun(e2eScenario());
    const r = await report;
    expect(r.orders.placed).toBeGreaterThan(300);
    expectInvariants(r, audit);
    expect(r.kafka?.deadLetters).toBe(0);
    expect(r.kafka?.instances).toMatchObject({ shops: 2, bidding: 2 });

    // The same arrivals as the in-process engine; a consumer may walk away where the other
    // engine's consumer did not (the price it sees depends on delivery timing), so the
    // placed counts agree within the walk-aways.
    const des = runDes(e2eScenario());
    expect(Math.abs(r.orders.placed - des.orders.placed)).toBeLessThanOrEqual(
      des.orders.walkedAway + r.orders.walkedAway,
    );
  });

  it('survives a SIGKILL of a service mid-run, and dead-letters malformed events while the run completes', async () => {
    const killed: string[] = [];
    let prefix = '';
    const { audit, report } = kafkaRun(e2eScenario(), {
      onLive: ({ processes, restart, topicPrefix }) => {
        prefix = topicPrefix;
        setTimeout(() => {
          const victim = processes.find((p) => p.instanceId === 'shops-1');
          if (!victim) return;
          victim.child.kill('SIGKILL');
          killed.push(victim.instanceId);
          void victim.exited.then(() => restart(victim));
        }, 4000);
        setTimeout(() => void writeMalformed(topicPrefix), 2000);
      },
    });
    const r = await report;
    expect(killed).toEqual(['shops-1']);
    expect(prefix).not.toBe('');
    expectInvariants(r, audit);
    expect(r.kafka?.deadLetters).toBeGreaterThanOrEqual(3);
  });
});

/** Three bad messages on orders.placed: not JSON, an unknown type, a field of the wrong type. */
async function writeMalformed(prefix: string): Promise<void> {
  const kafka = new Kafka({
    clientId: 'weft-e2e-bad',
    brokers: testStack().brokers,
    logLevel: logLevel.ERROR,
  });
  const producer = kafka.producer();
  await producer.connect();
  await producer.send({
    topic: `${prefix}orders.placed`,
    messages: [
      { key: 'bad-1', value: '{not json' },
      {
        key: 'bad-2',
        value: JSON.stringify({
          v: 1,
          id: 'x',
          type: 'OrderTeleported',
          atMs: 0,
          orderId: 'x',
          data: {},
        }),
      },
      {
        key: 'bad-3',
        value: JSON.stringify({
          v: 1,
          id: 'y',
          type: 'OrderPlaced',
          atMs: 0,
          orderId: 'y',
          data: { consumerId: 'me' },
        }),
      },
    ],
  });
  await producer.disconnect();
}
