/** Wiring of the monitor service. */
import { DynamicModule, Module } from '@nestjs/common';
import type { Logger } from 'pino';
import { ServiceCoreModule, type ServiceConfig } from '@weft/service';
import { MonitorHandlers } from './monitor.handlers';

@Module({})
export class MonitorModule {
  static register(config: ServiceConfig, logger: Logger): DynamicModule {
    return {
      module: MonitorModule,
      imports: [ServiceCoreModule.forRoot(config, logger)],
      controllers: [MonitorHandlers],
    };
  }
}
