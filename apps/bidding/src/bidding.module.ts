/** Wiring of the bidding service: the domain role, its Redis state, hosted over Kafka. */
import { DynamicModule, Module } from '@nestjs/common';
import type { Logger } from 'pino';
import { ServiceInputs } from '@weft/contracts';
import {
  ROLE_DEFINITION,
  RoleHost,
  ServiceCoreModule,
  type RoleDefinition,
  type ServiceConfig,
} from '@weft/service';
import { BiddingStore } from './bidding.state';

const role: RoleDefinition = {
  topics: ServiceInputs.bidding,
  store: (scenario) => new BiddingStore(scenario),
};

@Module({})
export class BiddingModule {
  static register(config: ServiceConfig, logger: Logger): DynamicModule {
    return {
      module: BiddingModule,
      imports: [ServiceCoreModule.forRoot(config, logger)],
      providers: [{ provide: ROLE_DEFINITION, useValue: role }, RoleHost],
    };
  }
}
