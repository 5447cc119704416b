/** Wiring of the payments service: the domain role, its Redis state, hosted over Kafka. */
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
import { PaymentsStore } from './payments.state';

const role: RoleDefinition = {
  topics: ServiceInputs.payments,
  store: (scenario) => new PaymentsStore(scenario),
};

@Module({})
export class PaymentsModule {
  static register(config: ServiceConfig, logger: Logger): DynamicModule {
    return {
      module: PaymentsModule,
      imports: [ServiceCoreModule.forRoot(config, logger)],
      providers: [{ provide: ROLE_DEFINITION, useValue: role }, RoleHost],
    };
  }
}
