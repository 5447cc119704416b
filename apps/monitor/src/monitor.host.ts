/**
 * The monitor: a listener on every topic of a run (its own consumer group, so it takes
 * nothing from the services). It counts events by type, keeps recent order journeys,
 * measures hop latency and timer lateness, collects dead letters and the capacity
 * service's scaling records, and shows them on /summary, /orders/:id and /metrics.
 */
import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { Counter, Histogram } from 'prom-client';
import { ServiceInputs, parseEnvelope, type ScalingRecord } from '@weft/contracts';
import type { EventType } from '@weft/domain';
import {
  ClockFollower,
  RunObserver,
  createKafka,
  type ObservedBatch,
  type RunConfig,
} from '@weft/kafka';
import { RunScoped, SERVICE_CONFIG, SERVICE_LOGGER } from '@weft/service';
import { HopLatency, ServiceMetrics } from '@weft/telemetry';
import type { MonitorConfig } from './config';

/** What the monitor reads of an event: its envelope, the payload left unread for speed. */
type Envelope = ReturnType<typeof parseEnvelope>;

export interface JourneyStep {
  type: EventType;
  id: string;
  /** Simulated time (ms) and the wall time it was produced (ms since the epoch). */
  atMs: number;
  wallMs: number;
}

@Injectable()
export class MonitorHost extends RunScoped {
  private observer: RunObserver<Envelope> | null = null;
  private clock: ClockFollower | null = null;
  private latency = new HopLatency();
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

  protected async startRun(run: RunConfig): Promise<void> {
    // A timer's lateness: from when the clock let it fire to when its event was produced.
    const clock = new ClockFollower(this.redis, { trace: true });
    this.clock = clock;
    await clock.start();
    this.latency = new HopLatency(clock.trace ?? undefined, this.config.maxOrders);
    this.latency.onHop = (hop, ms) => this.hopSeconds.observe({ hop }, ms / 1000);
    const observer = new RunObserver(createKafka(this.config.kafka, this.logger), {
      groupId: this.config.kafka.groupId,
      topicPrefix: this.config.kafka.topicPrefix,
      topics: ServiceInputs.monitor,
      parse: parseEnvelope,
      maxWaitTimeInMs: 250,
      epoch: run.epoch,
    });
    this.observer = observer;
    await observer.start((batch) => this.onBatch(batch));
  }

  protected async stopRun(): Promise<void> {
    await this.clock?.stop();
    await this.observer?.stop();
  }

  private onBatch(batch: ObservedBatch<Envelope>): void {
    this.metrics.eventsConsumed.inc({ topic: batch.topic }, batch.messages);
    this.duplicates += batch.duplicates;
    this.unreadable += batch.unreadable;
    for (const letter of batch.deadLetters) {
      const d = { reason: letter.reason, source: letter.sourceTopic, service: letter.service };
      this.deadLetters.push(d);
      if (this.deadLetters.length > 1000) this.deadLetters.shift();
      this.deadTotal.inc({ source_service: d.service });
    }
    for (const r of batch.scaling) this.scaling.set(r.service, r);
    for (const { event, producedWallMs } of batch.events) this.observe(event, producedWallMs);
  }

  private observe(e: Envelope, wallMs: number): void {
    this.byType.set(e.type, (this.byType.get(e.type) ?? 0) + 1);
    this.eventsTotal.inc({ type: e.type });
    this.latency.observe(e.type, e.orderId, e.atMs, wallMs);
    if (e.orderId === '') return;
    let steps = this.journeys.get(e.orderId);
    if (!steps) {
      this.journeys.set(e.orderId, (steps = []));
      if (this.journeys.size > this.config.maxOrders) this.evictOldestJourney();
    }
    steps.push({ type: e.type, id: e.id, atMs: e.atMs, wallMs });
  }

  /** Forgets the oldest order, its events' ids with it, so memory stays bounded. */
  private evictOldestJourney(): void {
    const oldest = this.journeys.keys().next().value;
    if (oldest === undefined) return;
    for (const s of this.journeys.get(oldest) ?? []) this.observer?.forget(s.id);
    this.journeys.delete(oldest);
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
      listening: this.observer !== null,
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
