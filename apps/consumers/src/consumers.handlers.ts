/** Kafka handlers of the consumers service (demand (load) generator and ratings). */
import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, KafkaContext } from '@nestjs/microservices';
import { ServiceInputs } from '@weft/contracts';
import { ServiceMetrics } from '@weft/telemetry';

@Controller()
export class ConsumersHandlers {
  constructor(private readonly metrics: ServiceMetrics) {}

  @EventPattern([...ServiceInputs.consumers])
  onEvent(@Ctx() ctx: KafkaContext): void {
    this.metrics.eventsConsumed.inc({ topic: ctx.getTopic() });
  }
}
