/** Wiring of the bidding service: the domain role and its Redis state, hosted over Kafka. */
import type { DynamicModule } from '@nestjs/common';
import type { Logger } from 'pino';
import { ServiceInputs } from '@weft/contracts';
import { RoleServiceModule, type RoleDefinition, type ServiceConfig } from '@weft/service';
import { BiddingStore } from './bidding.state';

const role: RoleDefinition = {
  topics: ServiceInputs.bidding,
  store: (scenario) => new BiddingStore(scenario),
};

export const BiddingModule = {
  register: (config: ServiceConfig, logger: Logger): DynamicModule =>
    RoleServiceModule.register(config, logger, role),
};
