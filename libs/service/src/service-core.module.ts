/** What every weft service imports: its config, pino logging, metrics, span export, /health. */
import { DynamicModule, Global, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { Logger } from 'pino';
import { ServiceMetrics } from '@weft/telemetry';
import { HealthController } from './health.controller';
import { ServiceHealth } from './service-health';
import { SERVICE_CONFIG, SERVICE_LOGGER } from './tokens';
import { ServiceTracing } from './service-tracing';
import type { ServiceConfig } from './env-config';

@Global()
@Module({})
export class ServiceCoreModule {
  static forRoot(config: ServiceConfig, logger: Logger): DynamicModule {
    return {
      module: ServiceCoreModule,
      imports: [
        LoggerModule.forRoot({
          // Health probes and scrapes would drown the decisions that matter.
          pinoHttp: { logger, autoLogging: false },
        }),
      ],
      controllers: [HealthController],
      providers: [
        { provide: SERVICE_CONFIG, useValue: config },
        { provide: ServiceMetrics, useValue: new ServiceMetrics(config.service) },
        { provide: SERVICE_LOGGER, useValue: logger },
        ServiceHealth,
        ServiceTracing,
      ],
      exports: [SERVICE_CONFIG, ServiceMetrics, SERVICE_LOGGER, ServiceHealth, ServiceTracing],
    };
  }
}
