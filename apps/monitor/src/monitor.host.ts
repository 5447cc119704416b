/**
 * The monitor: a listener on every topic of a run (its own consumer group, so it takes
 * nothing from the services). It counts events by type, keeps recent order journeys,
 * measures hop latency and timer lateness, collects dead letters and the capacity
 * service's scaling records, and shows them on /summary, /orders/:id and /metrics.
 */
import { Inject, Injectable } from '@nestjs/common';
import type { Consumer, EachBatchPayload } from 'kafkajs';
import type { Logger } from 'pino';
import { Counter, Histogram } from 'prom-client';
import {
  EventParseError,
  ServiceInputs,
  Topics,
  parseEnvelope,
  readDeadLetter,
  parseScalingRecord,
  type ScalingRecord,
} from '@weft/contracts';
import type { EventType } from '@weft/domain';
import { ClockFollower, createKafka, type RunConfig } from '@weft/kafka';
import { RunScoped, SERVICE_CONFIG, SERVICE_LOGGER } from '@weft/service';
import { HopLatency, ServiceMetrics } from '@weft/telemetry';
import type { MonitorConfig } from './config';

export interface JourneyStep {
  type: EventType;
  id: string;
  /** Simulated time (ms) and the wall time it was produced (ms since the epoch). */
  atMs: number;
  wallMs: number;
}

@Injectable()
export class MonitorHost extends RunScoped {
  private consumer: Consumer | null = null;
  private clock: ClockFollower | null = null;
  private latency = new HopLatency();
  private readonly seen = new Set<string>();
  private readonly journeys = new Map<string, JourneyStep[]>();
  private readonly byType = new Map<string, number>();
  private readonly scaling = new Map<string, ScalingRecord>();
  private readonly deadLetters: { reason: string; source: string; service: string }[] = [];
  private duplicates = 0;
  private unreadable = 0;
  private readonly eventsTotal: Counter<'type'>;
  private readonly deadTotal: Counter<'source_service'>;
  private readonly hopSeconds: Histogram<'hop'>;

  constructor(
    @Inject(SERVICE_CONFIG) private readonly config: MonitorConfig,
    @Inject(SERVICE_LOGGER) logger: Logger,
    private readonly metrics: ServiceMetrics,
  ) {
    super(config, logger);
    const registers = [metrics.registry];
    this.eventsTotal = new Counter({
      name: 'weft_run_events_total',
      help: 'Distinct events of the run, by type',
      labelNames: ['type'],
      registers,
    });
    this.deadTotal = new Counter({
      name: 'weft_dead_letters_total',
      help: 'Messages dead-lettered, by the service that rejected them',
      labelNames: ['source_service'],
      registers,
    });
    this.hopSeconds = new Histogram({
      name: 'weft_hop_latency_seconds',
      help: 'Wall time from a cause produced to its immediate effect produced',
      labelNames: ['hop'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
  }

  protected async startRun(_run: RunConfig): Promise<void> {
    // A timer's lateness: from when the clock let it fire to when its event was produced.
    const clock = new ClockFollower(this.redis, { trace: true });
    this.clock = clock;
    await clock.start();
    this.latency = new HopLatency(clock.trace ?? undefined, this.config.maxOrders);
    this.latency.onHop = (hop, ms) => this.hopSeconds.observe({ hop }, ms / 1000);
    const kafka = createKafka(this.config.kafka, this.logger);
    const consumer = kafka.consumer({ groupId: this.config.kafka.groupId, maxWaitTimeInMs: 200 });
    this.consumer = consumer;
    await consumer.connect();
    await consumer.subscribe({
      topics: ServiceInputs.monitor.map((t) => this.config.kafka.topicPrefix + t),
      fromBeginning: true,
    });
    await consumer.run({ eachBatch: (p) => this.onBatch(p) });
  }

  protected async stopRun(): Promise<void> {
    await this.clock?.stop();
    await this.consumer?.disconnect();
  }

  private onBatch({ batch }: EachBatchPayload): Promise<void> {
    const topic = batch.topic.slice(this.config.kafka.topicPrefix.length);
    this.metrics.eventsConsumed.inc({ topic }, batch.messages.length);
    for (const m of batch.messages) {
      if (topic === Topics.DeadLetter) {
        const letter = readDeadLetter(m.headers);
        const d = { reason: letter.reason, source: letter.sourceTopic, service: letter.service };
        this.deadLetters.push(d);
        if (this.deadLetters.length > 1000) this.deadLetters.shift();
        this.deadTotal.inc({ source_service: d.service });
        continue;
      }
      try {
        if (topic === Topics.CapacityScaled) {
          const r = parseScalingRecord(m.value);
          this.scaling.set(r.service, r);
        } else this.observe(parseEnvelope(m.value), Number(m.timestamp));
      } catch (err) {
        if (!(err instanceof EventParseError)) throw err;
        this.unreadable++; // the consuming service dead-letters it; the monitor only counts
      }
    }
    return Promise.resolve();
  }

  private observe(e: ReturnType<typeof parseEnvelope>, wallMs: number): void {
    if (this.seen.has(e.id)) {
      this.duplicates++;
      return;
    }
    this.seen.add(e.id);
    this.byType.set(e.type, (this.byType.get(e.type) ?? 0) + 1);
    this.eventsTotal.inc({ type: e.type });
    this.latency.observe(e.type, e.orderId, e.atMs, wallMs);
    if (e.orderId === '') return;
    let steps = this.journeys.get(e.orderId);
    if (!steps) {
      this.journeys.set(e.orderId, (steps = []));
      if (this.journeys.size > this.config.maxOrders) {
        const oldest = this.journeys.keys().next().value;
        if (oldest !== undefined) {
          for (const s of this.journeys.get(oldest) ?? []) this.seen.delete(s.id);
          this.journeys.delete(oldest);
        }
      }
    }
    steps.push({ type: e.type, id: e.id, atMs: e.atMs, wallMs });
  }

  /** The journey of one order, in simulated-time order, or undefined when unknown. */
  journey(orderId: string): JourneyStep[] | undefined {
    const steps = this.journeys.get(orderId);
    return steps && [...steps].sort((a, b) => a.atMs - b.atMs || a.wallMs - b.wallMs);
  }

  /** Each hop's latency histogram so far (HdrHistogram, compressed base64). */
  hopHistograms() {
    return this.latency.histograms();
  }

  summary() {
    const latency = this.latency.report();
    return {
      run: this.config.runId ?? null,
      listening: this.consumer !== null,
      events: Object.fromEntries(this.byType),
      distinctEvents: [...this.byType.values()].reduce((a, b) => a + b, 0),
      duplicatesDelivered: this.duplicates,
      unreadable: this.unreadable,
      ordersTracked: this.journeys.size,
      deadLetters: { count: this.deadLetters.length, recent: this.deadLetters.slice(-20) },
      latency,
      scaling: Object.fromEntries(this.scaling),
    };
  }
}
