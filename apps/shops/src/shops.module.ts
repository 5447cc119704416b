/** Wiring of the shops service: the domain role, its Redis state, hosted over Kafka. */
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
import { ShopsStore } from './shops.state';

const role: RoleDefinition = {
  topics: ServiceInputs.shops,
  store: (scenario) => new ShopsStore(scenario),
};

@Module({})
export class ShopsModule {
  static register(config: ServiceConfig, logger: Logger): DynamicModule {
    return {
      module: ShopsModule,
      imports: [ServiceCoreModule.forRoot(config, logger)],
      providers: [{ provide: ROLE_DEFINITION, useValue: role }, RoleHost],
    };
  }
}
