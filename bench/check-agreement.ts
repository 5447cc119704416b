/**
 * Agreement check: one scenario and seed through the in-process engine (the oracle) and
 * through the six services over Kafka, and the table of KPIs compared within tolerances
 * derived from the sample sizes (tests/support/engine-agreement.ts). Exits 1 when a KPI
 * is outside its tolerance.
 *
 *   npm run check:agreement -- --scenario default --scale 1 --instances shops=2,bidding=2
 *
 * With a cluster of our own (`WEFT_KAFKA_NODES=3`), `--kill-broker-after 60` SIGKILLs its
 * second node a minute into the run and never starts it again: the run must lose nothing
 * and still agree.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { scaleScenario } from '@weft/domain';
import { runDes } from '@weft/engine-des';
import {
  parseInstances,
  parseNonNegative,
  parsePace,
  parsePositive,
  parseSeed,
} from '../cli/src/run.command';
import { DEFAULT_LOOKAHEAD_SECONDS, runKafka } from '@weft/engine-kafka';
import { localStack } from '../cli/src/run/local-stack';
import { killKafkaNode, loadStackConfig } from '../cli/src/stack';
import { loadScenario } from '../cli/src/scenario-file';
import { compareEngines, formatChecks } from '../tests/support/engine-agreement';
import { OrderAudit } from '../tests/support/order-audit';

interface Flags {
  scenario: string;
  seed?: number;
  scale: number;
  instances: ReturnType<typeof parseInstances>;
  pace: number | 'max';
  lookahead: number;
  killBrokerAfter?: number;
}

async function main(flags: Flags): Promise<void> {
  const scenario = scaleScenario(await loadScenario(flags.scenario, flags.seed), flags.scale);
  const desAudit = new OrderAudit();
  const des = runDes(scenario, { observe: desAudit.observe });
  const audit = new OrderAudit();
  const started = Date.now();
  const kafka = await runKafka(scenario, {
    pace: flags.pace,
    lookaheadSeconds: flags.lookahead,
    instances: flags.instances,
    keep: false,
    partitions: 6,
    outDir: mkdtempSync(join(tmpdir(), 'weft-agreement-')),
    stack: localStack(),
    observe: audit.observe,
    onLive: () => {
      const after = flags.killBrokerAfter;
      if (after === undefined) return;
      setTimeout(() => {
        killKafkaNode(loadStackConfig(), 1).then(
          (pid) => process.stderr.write(`broker node 2 (pid ${pid}) killed, not to be restarted\n`),
          (err: unknown) => process.stderr.write(`could not kill broker node 2: ${String(err)}\n`),
        );
      }, after * 1000).unref();
    },
    log: (line) => {
      if (!line.startsWith('drain:')) process.stderr.write(`${line}\n`);
    },
  });
  const checks = compareEngines({ report: des, audit: desAudit }, { report: kafka, audit });
  const k = kafka.kafka;
  const instances = Object.entries(k?.instances ?? {})
    .map(([s, n]) => `${s}=${n}`)
    .join(',');
  process.stdout.write(
    `DES vs Kafka: ${scenario.name}, seed ${scenario.seed}, ${instances}, pace ${flags.pace}, lookahead ${flags.lookahead} s\n` +
      `${formatChecks(checks)}\n` +
      `kafka: ${((Date.now() - started) / 1000).toFixed(1)} wall s, ${k?.eventsPerLiveSecond ?? 0} events/s, ` +
      `pace achieved ${k?.pace?.achievedHoursPerSecond ?? 0} simulated h/s, ` +
      `timers behind the clock max ${(k?.latency?.timerLatenessSim?.maxMs ?? 0) / 1000} s, ` +
      `fired ahead p99 ${(k?.latency?.timerReorderSim?.p99Ms ?? 0) / 1000} s, drained ${k?.drained}\n`,
  );
  const failed = kafka.audit?.checks.filter((c) => !c.ok) ?? [];
  process.stdout.write(
    `audit: ${failed.length === 0 ? `all ${kafka.audit?.checks.length ?? 0} checks passed` : failed.map((c) => `${c.name} expected ${String(c.expected)} found ${String(c.found)}`).join('; ')}\n`,
  );
  if (checks.some((c) => !c.ok) || !k?.drained || failed.length > 0) process.exitCode = 1;
}

const program = new Command('check:agreement')
  .option('--scenario <name|file>', 'a scenario in scenarios/ or a YAML file', 'default')
  .option('--seed <n>', "the random seed (default: the scenario's)", parseSeed)
  .option('--scale <f>', "the scenario's world at f times its size", parsePositive, 1)
  .option('--instances <list>', 'instances per service', parseInstances, {
    shops: 2,
    bidding: 2,
  })
  .option('--pace <h|max>', 'simulated hours per wall second at most', parsePace, 'max')
  .option(
    '--lookahead <s>',
    'simulated seconds timers may fire ahead of the clock',
    parseNonNegative,
    DEFAULT_LOOKAHEAD_SECONDS,
  )
  .option(
    '--kill-broker-after <s>',
    "wall seconds into the run to SIGKILL the local cluster's second node (for good)",
    parseNonNegative,
  )
  .action((flags: Flags) => main(flags));

program.parseAsync(process.argv).catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
