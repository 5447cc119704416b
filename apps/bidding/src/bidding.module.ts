/** Wiring of the bidding service. */
import { DynamicModule, Module } from '@nestjs/common';
import type { Logger } from 'pino';
import { ServiceCoreModule, type ServiceConfig } from '@weft/service';
import { BiddingHandlers } from './bidding.handlers';

@Module({})
export class BiddingModule {
  static register(config: ServiceConfig, logger: Logger): DynamicModule {
    return {
      module: BiddingModule,
      imports: [ServiceCoreModule.forRoot(config, logger)],
      controllers: [BiddingHandlers],
    };
  }
}
