/** Kafka handlers of the bidding service (workshop bidding: RFQs, bids, award, production calendar). */
import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, KafkaContext } from '@nestjs/microservices';
import { ServiceInputs } from '@weft/contracts';
import { ServiceMetrics } from '@weft/telemetry';

@Controller()
export class BiddingHandlers {
  constructor(private readonly metrics: ServiceMetrics) {}

  @EventPattern([...ServiceInputs.bidding])
  onEvent(@Ctx() ctx: KafkaContext): void {
    this.metrics.eventsConsumed.inc({ topic: ctx.getTopic() });
  }
}
