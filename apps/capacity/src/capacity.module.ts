/** Wiring of the capacity service. */
import { DynamicModule, Module } from '@nestjs/common';
import type { Logger } from 'pino';
import { ServiceCoreModule, type ServiceConfig } from '@weft/service';
import { CapacityHandlers } from './capacity.handlers';

@Module({})
export class CapacityModule {
  static register(config: ServiceConfig, logger: Logger): DynamicModule {
    return {
      module: CapacityModule,
      imports: [ServiceCoreModule.forRoot(config, logger)],
      controllers: [CapacityHandlers],
    };
  }
}
