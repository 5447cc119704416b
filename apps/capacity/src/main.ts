/** Entry point of the capacity service: cloud capacity model and scaling recommendations. */
import 'reflect-metadata';
import { ServiceInputs } from '@weft/contracts';
import { runService } from '@weft/service';
import { loadCapacityConfig } from './config';
import { CapacityModule } from './capacity.module';

void runService({
  loadConfig: () => loadCapacityConfig(),
  module: (config, logger) => CapacityModule.register(config, logger),
  inputs: ServiceInputs.capacity,
});
