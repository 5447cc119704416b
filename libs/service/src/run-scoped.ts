/**
 * The shell of a service that works on one distributed run: it waits for the run's
 * config in Redis (so /health answers before a run begins), starts its work for the run,
 * and stops cleanly on shutdown. A service that cannot start its run exits, so that its
 * orchestrator restarts it.
 */
import type { OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import type Redis from 'ioredis';
import type { Logger } from 'pino';
import { awaitRunConfig, createRedis, redisReady, type RunConfig } from '@weft/kafka';
import type { ServiceConfig } from './env-config';

export abstract class RunScoped implements OnApplicationBootstrap, OnModuleDestroy {
  protected readonly redis: Redis;
  private readonly abort = new AbortController();
  private starting: Promise<void> | null = null;

  constructor(
    protected readonly serviceConfig: ServiceConfig,
    protected readonly logger: Logger,
  ) {
    this.redis = createRedis({
      url: serviceConfig.redis.url,
      keyPrefix: serviceConfig.redis.keyPrefix,
      tlsCa: serviceConfig.redis.tlsCa,
    });
  }

  /** Starts the service's work for the run (consumers, loops). */
  protected abstract startRun(run: RunConfig): Promise<void>;
  /** Stops what `startRun` started (called also when it never ran). */
  protected abstract stopRun(): Promise<void>;

  onApplicationBootstrap(): void {
    this.starting = redisReady(this.redis, this.serviceConfig.redis.url)
      .then(() => awaitRunConfig(this.redis, this.abort.signal))
      .then((run) => (this.abort.signal.aborted ? undefined : this.startRun(run)))
      .catch((err: unknown) => {
        if (this.abort.signal.aborted) return;
        this.logger.fatal({ err }, `${this.serviceConfig.service} failed to start its run`);
        process.exitCode = 1;
        process.kill(process.pid, 'SIGTERM');
      });
  }

  async onModuleDestroy(): Promise<void> {
    this.abort.abort();
    await this.starting;
    await this.stopRun();
    await this.redis.quit();
  }
}
