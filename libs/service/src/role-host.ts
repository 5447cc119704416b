/**
 * Hosts one domain role in a Nest service: waits for the run's config in Redis, builds the
 * role's store, and runs it over Kafka; stops cleanly on shutdown. /health answers while
 * it waits, so an orchestrator sees the process alive before a run begins.
 */
import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import type { ReactContext, Scenario } from '@weft/domain';
import { RoleRunner, createKafka, type RoleStore, type RunConfig } from '@weft/kafka';
import { ServiceMetrics } from '@weft/telemetry';
import type { ServiceConfig } from './env-config';
import { RunScoped } from './run-scoped';
import { ServiceHealth } from './service-health';
import { ServiceTracing } from './service-tracing';
import { SERVICE_CONFIG, SERVICE_LOGGER } from './tokens';

export const ROLE_DEFINITION = Symbol('ROLE_DEFINITION');

const SEEN_MARGIN_MS = 3_600_000;

export interface RoleDefinition {
  topics: readonly string[];
  store: (scenario: Scenario) => RoleStore;
  /** Opening events of the run (emitted once per run, by whichever instance is first). */
  start?: (store: RoleStore, ctx: ReactContext) => void;
}

@Injectable()
export class RoleHost extends RunScoped {
  private runner: RoleRunner | null = null;

  constructor(
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
    @Inject(ROLE_DEFINITION) private readonly def: RoleDefinition,
    @Inject(SERVICE_LOGGER) logger: Logger,
    private readonly health: ServiceHealth,
    private readonly metrics: ServiceMetrics,
    private readonly tracing: ServiceTracing,
  ) {
    super(config, logger);
  }

  protected async startRun(run: RunConfig): Promise<void> {
    const store = this.def.store(run.scenario);
    const c = this.config;
    const runner = new RoleRunner(
      createKafka(c.kafka, this.logger),
      this.redis,
      store,
      run,
      {
        service: c.service,
        instanceId: c.instanceId,
        groupId: c.kafka.groupId,
        topics: this.def.topics,
        topicPrefix: c.kafka.topicPrefix,
        applyDelayMs: c.faults.applyDelayMs,
        // A redelivery can come as long as the topics keep an event, and a little longer
        // (retention deletes whole segments): the dedupe marker outlives both.
        seenTtlMs: c.kafka.retentionMs + SEEN_MARGIN_MS,
        onFatal: (err) => this.health.fail(err.message),
        metrics: this.metrics,
        spans: this.tracing.recorder,
      },
      this.logger,
    );
    this.runner = runner;
    this.metrics.watchBacklog(() => runner.backlog());
    store.watch?.({
      registry: this.metrics.registry,
      redis: this.redis,
      simNowMs: () => runner.simNowMs,
    });
    if (this.def.start) {
      const start = this.def.start;
      await runner.startOnce((ctx) => start(store, ctx));
    }
    await runner.start();
    this.logger.info({ run: c.runId, scenario: run.scenario.name }, 'role running');
  }

  protected async stopRun(): Promise<void> {
    await this.runner?.stop();
  }
}
