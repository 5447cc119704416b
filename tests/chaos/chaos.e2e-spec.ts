/**
 * The chaos suite: one distributed run under every fault at once, and the books still kept.
 *
 * While the run goes on, instances of every role are SIGKILLed (and restarted by the run
 * under new names), one is SIGSTOPped past its session timeout, the broker is killed and
 * started again, the run's Redis (append-only, of the suite's own) is restarted, and a
 * hostile producer sends every kind of bad message to every input topic and replays one
 * of the run's own events. After the drain: every order in one state, the end-of-run audit
 * green, the clock never passed an unapplied event, and the same story as the in-process
 * engine. The suite prints what it injected and what it found in the dead-letter topic.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { readDeadLetter, RunKeys, keyPrefixOf, Topics, ROLE_SERVICES } from '@weft/contracts';
import type { Scenario } from '@weft/domain';
import { runDes } from '@weft/engine-des';
import { KafkaRun, type LiveRun } from '@weft/engine-kafka';
import { createRedis } from '@weft/kafka';
import { killKafkaNode, loadStackConfig, restartKafkaNode } from '../../cli/src/stack';
import { ClockAudit } from '../support/clock-audit';
import { compareEngines, formatChecks } from '../support/engine-agreement';
import { OrderAudit } from '../support/order-audit';
import { scenarioFile } from '../support/scenarios';
import { eventually, testStack } from '../support/test-env';
import { BAD_KINDS, type BadKind, replayFirst, roleInputs, sendBadInput } from './bad-input';
import { OwnRedis } from './own-redis';

/** Half a simulated day of orders in a small world, followed until they are done: about 500. */
function chaosScenario(): Scenario {
  const s = scenarioFile('default');
  return {
    ...s,
    name: 'chaos',
    seed: 11,
    durationHours: 12,
    horizonHours: 42,
    demand: {
      ...s.demand,
      ordersPerHour: 45,
      hourlyCurve: s.demand.hourlyCurve.map(() => 1),
      wantedLeadHours: { min: 16, max: 24 },
    },
    shops: { ...s.shops, count: 40 },
    workshops: { ...s.workshops, count: 40 },
    shipping: { ...s.shipping, transitHours: { min: 2, max: 6 } },
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pick = <T>(xs: readonly T[]): T | undefined => xs[Math.floor(Math.random() * xs.length)];

describe('chaos', () => {
  jest.setTimeout(600_000);

  it('keeps its books through kills, a pause, a broker restart, a Redis restart and hostile input', async () => {
    const redis = new OwnRedis();
    await redis.start();
    const kafka = new Kafka({
      clientId: 'weft-chaos',
      brokers: testStack().brokers,
      logLevel: logLevel.NOTHING,
    });
    const faults = { sigkill: 0, sigstop: 0, brokerRestart: 0, redisRestart: 0, replayed: 0 };
    let badSent = 0;
    let prefix = '';
    let restarts: LiveRun['restarts'] = [];
    const errors: string[] = [];
    const log = (line: string) => process.stdout.write(`[chaos] ${line}\n`);
    const audit = new OrderAudit();
    const clock = new ClockAudit();
    const deadLetters: { sourceTopic: string; service: string; reason: string }[] = [];

    /** SIGKILLs a random live instance of each role (the run restarts each under a new name). */
    const killOneOfEach = (live: LiveRun) => {
      for (const service of ROLE_SERVICES) {
        const victim = pick(
          live.processes.filter((p) => p.service === service && p.child.exitCode === null),
        );
        if (!victim) continue;
        victim.child.kill('SIGKILL');
        faults.sigkill++;
        log(`SIGKILL ${victim.instanceId}`);
      }
    };

    const faultsDone = (live: LiveRun) =>
      (async () => {
        const epoch = await eventually('the run epoch', async () => {
          const r = createRedis({ url: redis.url, keyPrefix: keyPrefixOf(live.runId) });
          try {
            return (await r.get(RunKeys.epoch)) ?? undefined;
          } finally {
            r.disconnect();
          }
        });
        await sleep(3_000);
        badSent += await sendBadInput(kafka, prefix, epoch);
        log(`sent ${badSent} bad messages`);
        await sleep(5_000);
        killOneOfEach(live);

        await sleep(6_000);
        const paused = pick(
          live.processes.filter((p) => p.service === 'bidding' && p.child.exitCode === null),
        );
        if (paused) {
          // Past the role's 15 s session timeout: its partitions go to the other instance.
          paused.child.kill('SIGSTOP');
          faults.sigstop++;
          log(`SIGSTOP ${paused.instanceId} for 22 s`);
          await sleep(22_000);
          paused.child.kill('SIGCONT');
        }

        const stack = loadStackConfig();
        await killKafkaNode(stack, 0);
        log('broker killed');
        await sleep(8_000);
        await restartKafkaNode(stack, 0, (line) => log(`stack: ${line}`));
        faults.brokerRestart++;
        log('broker back');

        await sleep(8_000);
        await redis.restart();
        faults.redisRestart++;
        log('redis restarted');

        await sleep(6_000);
        killOneOfEach(live);
        log(`replayed: ${await replayFirst(kafka, prefix, Topics.OrdersPlaced)}`);
        faults.replayed++;
      })().catch((err: unknown) => {
        errors.push(String(err));
        log(`fault injection failed: ${String(err)}`);
      });

    let injecting: Promise<void> = Promise.resolve();
    const scenario = chaosScenario();
    let run: KafkaRun | null = null;
    try {
      run = await KafkaRun.open(scenario, {
        // As fast as it goes, which here is latency-bound (about 0.15 simulated h/s): the
        // faults, all in the first minute and a half, fall inside the run.
        pace: 'max',
        instances: { shops: 2, bidding: 2, payments: 2 },
        keep: false,
        partitions: 6,
        outDir: mkdtempSync(join(tmpdir(), 'weft-chaos-')),
        stack: {
          up: () =>
            Promise.resolve({
              brokers: testStack().brokers,
              redisUrl: redis.url,
              stop: () => Promise.resolve(),
            }),
        },
        log,
        observe: (e, wallMs) => {
          audit.observe(e);
          clock.observe(e, wallMs);
        },
        clockTrace: clock.trace,
        onLive: (live) => {
          prefix = live.topicPrefix;
          restarts = live.restarts;
          injecting = faultsDone(live);
        },
      });
      run.startClock();
      await run.untilDrained();
      const r = await run.report();
      await injecting;

      // What the dead-letter topic holds, by the bad message's kind.
      const consumer = kafka.consumer({ groupId: `${prefix}chaos-dlq` });
      await consumer.connect();
      await consumer.subscribe({ topics: [prefix + Topics.DeadLetter], fromBeginning: true });
      const expected = [...roleInputs().values()].reduce((n, readers) => n + readers.length, 0);
      const kinds = Object.keys(BAD_KINDS) as BadKind[];
      await consumer.run({
        eachMessage: async ({ message }) => void deadLetters.push(readDeadLetter(message.headers)),
      });
      await eventually(
        'every bad message dead-lettered by every service reading its topic',
        () => (deadLetters.length >= expected * kinds.length ? true : undefined),
        60_000,
      ).catch(() => undefined);
      await consumer.disconnect();
      const byKind = Object.fromEntries(kinds.map((k) => [k, 0])) as Record<BadKind, number>;
      for (const d of deadLetters) {
        const kind = kinds.find((k) => BAD_KINDS[k].test(d.reason));
        if (kind) byKind[kind]++;
      }
      log(`faults injected: ${JSON.stringify(faults)}; restarts: ${JSON.stringify(restarts)}`);
      log(`bad messages sent: ${badSent}; dead letters by kind: ${JSON.stringify(byKind)}`);

      expect(errors).toEqual([]);
      expect(faults).toEqual({
        sigkill: 2 * ROLE_SERVICES.length,
        sigstop: 1,
        brokerRestart: 1,
        redisRestart: 1,
        replayed: 1,
      });
      // Every kill was answered by a restart under a new name.
      expect(restarts.length).toBeGreaterThanOrEqual(faults.sigkill);
      // Each bad message was dead-lettered by each service that reads its topic (a redelivery
      // after a kill may add a copy), and nothing else was.
      for (const kind of kinds) expect(byKind[kind]).toBeGreaterThanOrEqual(expected);
      expect(deadLetters.filter((d) => !kinds.some((k) => BAD_KINDS[k].test(d.reason)))).toEqual(
        [],
      );

      // The books: the run drained, its audit is green, every order is in one state.
      expect(r.kafka?.drained).toBe(true);
      expect(r.audit?.checks.filter((c) => !c.ok)).toEqual([]);
      const states = [...audit.states().values()];
      expect(states.length).toBe(r.orders.placed);
      expect(r.ledger.sum).toBe(0);
      clock.check();
      expect(clock.passed.slice(0, 5)).toEqual([]);

      // And the same story as the in-process engine.
      const desAudit = new OrderAudit();
      const des = runDes(scenario, { observe: desAudit.observe });
      const checks = compareEngines({ report: des, audit: desAudit }, { report: r, audit });
      log(`DES vs Kafka under chaos:\n${formatChecks(checks)}`);
      expect(checks.filter((c) => !c.ok).map((c) => c.kpi)).toEqual([]);
    } finally {
      await injecting;
      await run?.close();
      await redis.remove();
    }
  });
});
