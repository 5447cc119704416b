/**
 * The end-of-run audit of a distributed run, its sources gathered: the ledger replayed from
 * the broker, the orders' records and the payments ledger in Redis, the run's config key.
 */
import { randomBytes } from 'node:crypto';
import type { Kafka } from 'kafkajs';
import type Redis from 'ioredis';
import { RunKeys } from '@weft/contracts';
import { ACCOUNTS, type Account, type Scenario } from '@weft/domain';
import { groupIdOf } from '@weft/service/env';
import type { RunAudit } from '@weft/telemetry';
import { replayLedgerFromBroker } from './broker-ledger';
import { readOrderStates } from './order-states';
import { auditRun, type AuditInput } from './run-audit';

export interface AuditTarget {
  kafka: Kafka;
  /** Under the run's key prefix. */
  redis: Redis;
  runId: string;
  topicPrefix: string;
  /** The run's epoch: its events carry it, and Redis keeps it while it holds the run. */
  epoch: string;
  drained: boolean;
  /** The run's KPI counters of orders. */
  counters: AuditInput['counters'];
}

/** The payments service's balances, as it keeps them in Redis (an account never moved is 0). */
export async function ledgerBalances(redis: Redis): Promise<Record<Account, number>> {
  const ledger = await redis.hgetall(RunKeys.ledger);
  return Object.fromEntries(ACCOUNTS.map((a) => [a, Number(ledger[a] ?? 0)])) as Record<
    Account,
    number
  >;
}

export async function auditKafkaRun(scenario: Scenario, t: AuditTarget): Promise<RunAudit> {
  const [replayed, states, balances, configKept] = await Promise.all([
    replayLedgerFromBroker({
      kafka: t.kafka,
      scenario,
      topicPrefix: t.topicPrefix,
      groupId: groupIdOf(t.runId, `audit-${randomBytes(3).toString('hex')}`),
      epoch: t.epoch,
    }).catch((err: unknown) => ({ error: err instanceof Error ? err.message : String(err) })),
    readOrderStates(t.redis),
    ledgerBalances(t.redis),
    t.redis.mget(RunKeys.config, RunKeys.epoch),
  ]);
  return auditRun({
    drained: t.drained,
    configKept: configKept[0] !== null && configKept[1] === t.epoch,
    counters: t.counters,
    balances,
    states,
    replayed,
  });
}
