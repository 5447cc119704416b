/** Prometheus metrics for one service process, on its own registry. */
import { Counter, Registry, collectDefaultMetrics } from 'prom-client';

export class ServiceMetrics {
  readonly registry = new Registry();
  readonly eventsConsumed: Counter<'topic'>;

  constructor(service: string) {
    this.registry.setDefaultLabels({ service });
    collectDefaultMetrics({ register: this.registry });
    this.eventsConsumed = new Counter({
      name: 'weft_events_consumed_total',
      help: 'Events consumed from Kafka, by topic',
      labelNames: ['topic'],
      registers: [this.registry],
    });
  }
}
