/**
 * Hosts one domain role in a Nest service: waits for the run's config in Redis, builds the
 * role's store, and runs it over Kafka; stops cleanly on shutdown. /health answers while
 * it waits, so an orchestrator sees the process alive before a run begins.
 */
import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import type Redis from 'ioredis';
import type { Logger } from 'pino';
import type { ReactContext, Scenario } from '@weft/domain';
import { RoleRunner, awaitRunConfig, createKafka, createRedis, type RoleStore } from '@weft/kafka';
import type { ServiceConfig } from './env-config';
import { SERVICE_CONFIG } from './tokens';

export const ROLE_DEFINITION = Symbol('ROLE_DEFINITION');
export const SERVICE_LOGGER = Symbol('SERVICE_LOGGER');

export interface RoleDefinition {
  topics: readonly string[];
  store: (scenario: Scenario) => RoleStore;
  /** Opening events of the run (emitted once per run, by whichever instance is first). */
  start?: (store: RoleStore, ctx: ReactContext) => void;
}

@Injectable()
export class RoleHost implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly redis: Redis;
  private runner: RoleRunner | null = null;
  private readonly abort = new AbortController();
  private starting: Promise<void> | null = null;

  constructor(
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
    @Inject(ROLE_DEFINITION) private readonly def: RoleDefinition,
    @Inject(SERVICE_LOGGER) private readonly logger: Logger,
  ) {
    this.redis = createRedis({ url: config.redis.url, keyPrefix: config.redis.keyPrefix });
  }

  onApplicationBootstrap(): void {
    this.starting = this.startRunner().catch((err: unknown) => {
      if (this.abort.signal.aborted) return;
      this.logger.fatal({ err }, 'role failed to start');
      process.exitCode = 1;
      process.kill(process.pid, 'SIGTERM');
    });
  }

  private async startRunner(): Promise<void> {
    const run = await awaitRunConfig(this.redis, this.abort.signal);
    if (this.abort.signal.aborted) return;
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
      },
      this.logger,
    );
    this.runner = runner;
    if (this.def.start) {
      const start = this.def.start;
      await runner.startOnce((ctx) => start(store, ctx));
    }
    await runner.start();
    this.logger.info({ run: c.runId, scenario: run.scenario.name }, 'role running');
  }

  async onModuleDestroy(): Promise<void> {
    this.abort.abort();
    await this.starting;
    await this.runner?.stop();
    await this.redis.quit();
  }
}
