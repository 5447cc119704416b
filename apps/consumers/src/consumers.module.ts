/** Wiring of the consumers service. */
import { DynamicModule, Module } from '@nestjs/common';
import type { Logger } from 'pino';
import { ServiceCoreModule, type ServiceConfig } from '@weft/service';
import { ConsumersHandlers } from './consumers.handlers';

@Module({})
export class ConsumersModule {
  static register(config: ServiceConfig, logger: Logger): DynamicModule {
    return {
      module: ConsumersModule,
      imports: [ServiceCoreModule.forRoot(config, logger)],
      controllers: [ConsumersHandlers],
    };
  }
}
