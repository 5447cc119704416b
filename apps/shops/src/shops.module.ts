/** Wiring of the shops service. */
import { DynamicModule, Module } from '@nestjs/common';
import type { Logger } from 'pino';
import { ServiceCoreModule, type ServiceConfig } from '@weft/service';
import { ShopsHandlers } from './shops.handlers';

@Module({})
export class ShopsModule {
  static register(config: ServiceConfig, logger: Logger): DynamicModule {
    return {
      module: ShopsModule,
      imports: [ServiceCoreModule.forRoot(config, logger)],
      controllers: [ShopsHandlers],
    };
  }
}
