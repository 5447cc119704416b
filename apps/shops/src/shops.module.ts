/** Wiring of the shops service: the domain role and its Redis state, hosted over Kafka. */
import type { DynamicModule } from '@nestjs/common';
import type { Logger } from 'pino';
import { ServiceInputs } from '@weft/contracts';
import { RoleServiceModule, type RoleDefinition, type ServiceConfig } from '@weft/service';
import { ShopsStore } from './shops.state';

const role: RoleDefinition = {
  topics: ServiceInputs.shops,
  store: (scenario) => new ShopsStore(scenario),
};

export const ShopsModule = {
  register: (config: ServiceConfig, logger: Logger): DynamicModule =>
    RoleServiceModule.register(config, logger, role),
};
