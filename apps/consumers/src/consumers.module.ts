/** Wiring of the consumers service: the domain role, its Redis state, hosted over Kafka. */
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
import { ConsumersStore } from './consumers.state';

const role: RoleDefinition = {
  topics: ServiceInputs.consumers,
  store: (scenario) => new ConsumersStore(scenario),
  // The first arrival of the run; the chain of arrivals continues from there.
  start: (store, ctx) => (store as ConsumersStore).role.start(ctx),
};

@Module({})
export class ConsumersModule {
  static register(config: ServiceConfig, logger: Logger): DynamicModule {
    return {
      module: ConsumersModule,
      imports: [ServiceCoreModule.forRoot(config, logger)],
      providers: [{ provide: ROLE_DEFINITION, useValue: role }, RoleHost],
    };
  }
}
