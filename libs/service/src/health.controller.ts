/** Liveness and metrics over HTTP: what an orchestrator and Prometheus scrape. */
import { Controller, Get, Header, Inject, ServiceUnavailableException } from '@nestjs/common';
import { ServiceMetrics } from '@weft/telemetry';
import { ServiceHealth } from './service-health';
import { SERVICE_CONFIG } from './tokens';
import type { ServiceConfig } from './env-config';

@Controller()
export class HealthController {
  private readonly startedAt = process.hrtime.bigint();

  constructor(
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
    private readonly metrics: ServiceMetrics,
    private readonly state: ServiceHealth,
  ) {}

  @Get('health')
  health() {
    const uptimeS = Number(process.hrtime.bigint() - this.startedAt) / 1e9;
    const failure = this.state.failure;
    if (failure !== null)
      throw new ServiceUnavailableException({
        status: 'failed',
        service: this.config.service,
        instance: this.config.instanceId,
        reason: failure,
      });
    return {
      status: 'ok',
      service: this.config.service,
      instance: this.config.instanceId,
      uptimeS: Math.round(uptimeS * 10) / 10,
    };
  }

  @Get('metrics')
  @Header('Content-Type', 'text/plain; version=0.0.4')
  metricsText(): Promise<string> {
    return this.metrics.registry.metrics();
  }
}
