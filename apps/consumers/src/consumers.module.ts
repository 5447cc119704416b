/** Wiring of the consumers service: the domain role and its Redis state, hosted over Kafka. */
import type { DynamicModule } from '@nestjs/common';
import type { Logger } from 'pino';
import { ServiceInputs } from '@weft/contracts';
import { RoleServiceModule, type RoleDefinition, type ServiceConfig } from '@weft/service';
import { ConsumersStore } from './consumers.state';

const role: RoleDefinition = {
  topics: ServiceInputs.consumers,
  store: (scenario) => new ConsumersStore(scenario),
  // The first arrival of the run; the chain of arrivals continues from there.
  start: (store, ctx) => (store as ConsumersStore).role.start(ctx),
};

export const ConsumersModule = {
  register: (config: ServiceConfig, logger: Logger): DynamicModule =>
    RoleServiceModule.register(config, logger, role),
};
