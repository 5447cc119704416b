/** Kafka handlers of the capacity service (cloud capacity model and scaling recommendations). */
import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, KafkaContext } from '@nestjs/microservices';
import { ServiceInputs } from '@weft/contracts';
import { ServiceMetrics } from '@weft/telemetry';

@Controller()
export class CapacityHandlers {
  constructor(private readonly metrics: ServiceMetrics) {}

  @EventPattern([...ServiceInputs.capacity])
  onEvent(@Ctx() ctx: KafkaContext): void {
    this.metrics.eventsConsumed.inc({ topic: ctx.getTopic() });
  }
}
