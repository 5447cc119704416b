/** Entry point of the consumers service: demand (load) generator and ratings. */
import 'reflect-metadata';
import { ServiceInputs } from '@weft/contracts';
import { runService } from '@weft/service';
import { loadConsumersConfig } from './config';
import { ConsumersModule } from './consumers.module';

void runService({
  loadConfig: () => loadConsumersConfig(),
  module: (config, logger) => ConsumersModule.register(config, logger),
  inputs: ServiceInputs.consumers,
  nestTransport: false,
});
