/** Wiring of the monitor service. */
import { DynamicModule, Module } from '@nestjs/common';
import type { Logger } from 'pino';
import { ServiceCoreModule } from '@weft/service';
import type { MonitorConfig } from './config';
import { DashboardController } from './dashboard.controller';
import { MonitorController } from './monitor.controller';
import { MonitorHost } from './monitor.host';

@Module({})
export class MonitorModule {
  static register(config: MonitorConfig, logger: Logger): DynamicModule {
    return {
      module: MonitorModule,
      imports: [ServiceCoreModule.forRoot(config, logger)],
      controllers: [MonitorController, DashboardController],
      providers: [MonitorHost],
    };
  }
}
