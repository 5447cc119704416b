/** Wiring of the capacity service. */
import { DynamicModule, Module } from '@nestjs/common';
import type { Logger } from 'pino';
import { Topics } from '@weft/contracts';
import { ServiceCoreModule } from '@weft/service';
import { CapacityController, capacityHandlers } from './capacity.handlers';
import { CapacityTracker } from './capacity.tracker';
import type { CapacityConfig } from './config';

@Module({})
export class CapacityModule {
  static register(config: CapacityConfig, logger: Logger): DynamicModule {
    return {
      module: CapacityModule,
      imports: [ServiceCoreModule.forRoot(config, logger)],
      controllers: [
        CapacityController,
        capacityHandlers(config.kafka.topicPrefix + Topics.CapacityUsage),
      ],
      providers: [CapacityTracker],
    };
  }
}
