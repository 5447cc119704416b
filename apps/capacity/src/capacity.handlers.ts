/**
 * The capacity service's HTTP view and its Kafka handler. The handler is built for the
 * run's topic name (runs keep their topics under a prefix), on Nest's Kafka transport.
 */
import { Controller, Get, type Type } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { Topics } from '@weft/contracts';
import { ServiceMetrics } from '@weft/telemetry';
import { CapacityTracker } from './capacity.tracker';

@Controller()
export class CapacityController {
  constructor(private readonly tracker: CapacityTracker) {}

  @Get('capacity')
  capacity() {
    return this.tracker.snapshot();
  }
}

/** A controller whose @EventPattern listens on `usageTopic` (capacity.usage of the run). */
export function capacityHandlers(usageTopic: string): Type<unknown> {
  @Controller()
  class CapacityHandlers {
    constructor(
      private readonly tracker: CapacityTracker,
      private readonly metrics: ServiceMetrics,
    ) {}

    @EventPattern(usageTopic)
    async onUsage(@Payload() payload: unknown): Promise<void> {
      const startedNs = process.hrtime.bigint();
      this.metrics.eventsConsumed.inc({ topic: Topics.CapacityUsage });
      await this.tracker.record(payload);
      this.metrics.handled(1, startedNs);
    }
  }
  return CapacityHandlers;
}
