/**
 * Span export for a service: started at boot when an OTLP endpoint is configured, flushed
 * at shutdown. Without one, `recorder` stays undefined and nothing of the SDK is loaded;
 * events still carry their trace context in Kafka headers either way.
 */
import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { Logger } from 'pino';
import { startSpanExport, type SpanRecorder } from '@weft/telemetry';
import type { ServiceConfig } from './env-config';
import { SERVICE_CONFIG, SERVICE_LOGGER } from './tokens';

@Injectable()
export class ServiceTracing implements OnModuleInit, OnApplicationShutdown {
  recorder: SpanRecorder | undefined;

  constructor(
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
    @Inject(SERVICE_LOGGER) private readonly logger: Logger,
  ) {}

  async onModuleInit(): Promise<void> {
    const url = this.config.traces.otlpUrl;
    if (!url) return;
    const { service, instanceId } = this.config;
    this.recorder = await startSpanExport({ service, instanceId, url });
    this.logger.info({ otlp: url }, 'exporting spans');
  }

  async onApplicationShutdown(): Promise<void> {
    await this.recorder
      ?.shutdown()
      .catch((err: unknown) => this.logger.warn({ err }, 'spans not all exported at shutdown'));
  }
}
