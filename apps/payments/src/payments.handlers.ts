/** Kafka handlers of the payments service (escrow and the double-entry ledger). */
import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, KafkaContext } from '@nestjs/microservices';
import { ServiceInputs } from '@weft/contracts';
import { ServiceMetrics } from '@weft/telemetry';

@Controller()
export class PaymentsHandlers {
  constructor(private readonly metrics: ServiceMetrics) {}

  @EventPattern([...ServiceInputs.payments])
  onEvent(@Ctx() ctx: KafkaContext): void {
    this.metrics.eventsConsumed.inc({ topic: ctx.getTopic() });
  }
}
