/** Wiring of the payments service: the domain role and its Redis state, hosted over Kafka. */
import type { DynamicModule } from '@nestjs/common';
import type { Logger } from 'pino';
import { ServiceInputs } from '@weft/contracts';
import { RoleServiceModule, type RoleDefinition, type ServiceConfig } from '@weft/service';
import { PaymentsStore } from './payments.state';

const role: RoleDefinition = {
  topics: ServiceInputs.payments,
  store: (scenario) => new PaymentsStore(scenario),
};

export const PaymentsModule = {
  register: (config: ServiceConfig, logger: Logger): DynamicModule =>
    RoleServiceModule.register(config, logger, role),
};
