/** Wiring of the payments service. */
import { DynamicModule, Module } from '@nestjs/common';
import type { Logger } from 'pino';
import { ServiceCoreModule, type ServiceConfig } from '@weft/service';
import { PaymentsHandlers } from './payments.handlers';

@Module({})
export class PaymentsModule {
  static register(config: ServiceConfig, logger: Logger): DynamicModule {
    return {
      module: PaymentsModule,
      imports: [ServiceCoreModule.forRoot(config, logger)],
      controllers: [PaymentsHandlers],
    };
  }
}
