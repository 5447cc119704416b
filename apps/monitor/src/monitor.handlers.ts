/** Kafka handlers of the monitor service (observes every topic: dashboard, order journeys, metrics). */
import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, KafkaContext } from '@nestjs/microservices';
import { ServiceInputs } from '@weft/contracts';
import { ServiceMetrics } from '@weft/telemetry';

@Controller()
export class MonitorHandlers {
  constructor(private readonly metrics: ServiceMetrics) {}

  @EventPattern([...ServiceInputs.monitor])
  onEvent(@Ctx() ctx: KafkaContext): void {
    this.metrics.eventsConsumed.inc({ topic: ctx.getTopic() });
  }
}
