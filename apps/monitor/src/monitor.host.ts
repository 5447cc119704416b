/**
 * The monitor: a listener on every topic of a run (its own consumer group, so it takes
 * nothing from the services). It folds every event into the run's figures (KPIs, hop
 * latency and timer lateness, rates per topic, order journeys), collects dead letters and
 * the capacity service's scaling records, and shows them on /summary, /orders/:id,
 * /metrics and the dashboard's live feed.
 */
import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { Counter, Histogram } from 'prom-client';
import { ROLE_SERVICES, ServiceInputs, parseEvent } from '@weft/contracts';
import { HOUR_MS, type AnyEvent } from '@weft/domain';
import {
  ClockFollower,
  RunObserver,
  createKafka,
  type ClockState,
  type ObservedBatch,
  type RunConfig,
} from '@weft/kafka';
import { RunScoped, SERVICE_CONFIG, SERVICE_LOGGER, groupIdOf } from '@weft/service';
import { HopLatency, KpiCollector, ServiceMetrics } from '@weft/telemetry';
import type { MonitorConfig } from './config';
import { DashboardFeed } from './dashboard.feed';
import type { ClockView, DashboardSnapshot, JourneyView } from './dashboard-snapshot';
import { LagPoller } from './lag-poller';
import { RunFigures, waitingSnapshot } from './run-figures';

/** Clock states kept to tell the pace achieved: a few seconds of snapshots. */
const PACE_SAMPLES = 6;

@Injectable()
export class MonitorHost extends RunScoped {
  private observer: RunObserver<AnyEvent> | null = null;
  private clock: ClockFollower | null = null;
  private lag: LagPoller | null = null;
  private run: RunConfig | null = null;
  private figures: RunFigures | null = null;
  private readonly paceSamples: ClockState[] = [];
  /** The dashboard's live feed: a snapshot a second to every page open. */
  readonly feed = new DashboardFeed(() => this.snapshot());
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
    this.run = run;
    // A timer's lateness: from when the clock let it fire to when its event was produced.
    const clock = new ClockFollower(this.redis, { trace: true });
    this.clock = clock;
    await clock.start();
    const latency = new HopLatency(clock.trace ?? undefined, this.config.maxOrders);
    latency.onHop = (hop, ms) => this.hopSeconds.observe({ hop }, ms / 1000);
    this.figures = new RunFigures(
      latency,
      new KpiCollector(run.scenario),
      this.config.maxOrders,
      (id) => this.observer?.forget(id),
    );
    const kafka = createKafka(this.config.kafka, this.logger);
    const { runId, kafka: k } = this.config;
    this.lag = new LagPoller(
      kafka.admin(),
      [...ROLE_SERVICES, 'capacity' as const, 'monitor' as const].map((service) => ({
        service,
        groupId: groupIdOf(runId, service),
        topics: ServiceInputs[service].map((t) => k.topicPrefix + t),
      })),
      () => this.feed.size > 0,
      this.logger,
    );
    this.lag.start();
    // Payloads are read too: the dashboard shows lead times, prices and the platform's take.
    const observer = new RunObserver(kafka, {
      groupId: k.groupId,
      topicPrefix: k.topicPrefix,
      topics: ServiceInputs.monitor,
      parse: parseEvent,
      maxWaitTimeInMs: 250,
      epoch: run.epoch,
    });
    this.observer = observer;
    await observer.start((batch) => this.onBatch(batch));
  }

  protected async stopRun(): Promise<void> {
    this.feed.close();
    await this.lag?.stop();
    await this.clock?.stop();
    await this.observer?.stop();
  }

  private onBatch(batch: ObservedBatch<AnyEvent>): void {
    this.metrics.eventsConsumed.inc({ topic: batch.topic }, batch.messages);
    for (const letter of batch.deadLetters) this.deadTotal.inc({ source_service: letter.service });
    for (const { event } of batch.events) this.eventsTotal.inc({ type: event.type });
    this.figures?.take(batch);
  }

  /** A page started watching: its lag need not wait for the next round. */
  watching(): void {
    void this.lag?.read();
  }

  /** The journey of one order, in simulated-time order, or undefined when unknown. */
  journey(orderId: string): JourneyView | undefined {
    return this.figures?.journeys.journey(orderId);
  }

  /** Each hop's latency histogram so far (HdrHistogram, compressed base64). */
  hopHistograms() {
    return this.figures?.latency.histograms() ?? new HopLatency().histograms();
  }

  snapshot(): DashboardSnapshot {
    const run = this.config.runId ?? null;
    const f = this.figures;
    if (!f || !this.observer) return waitingSnapshot(run);
    return f.snapshot({ run, clock: this.clockView(), lag: this.lag?.latest ?? NO_LAG });
  }

  private clockView(): ClockView | null {
    const now = this.clock?.now;
    if (!now || !this.run || now.seq === 0) return null;
    const samples = this.paceSamples;
    if (samples.at(-1)?.seq !== now.seq) samples.push(now);
    if (samples.length > PACE_SAMPLES) samples.shift();
    const first = samples[0];
    const wallS = first ? (now.wallMs - first.wallMs) / 1000 : 0;
    const pace = this.run.clock.paceHoursPerSecond;
    return {
      doneUntilMs: now.doneUntilMs,
      fireUntilMs: now.fireUntilMs,
      horizonMs: this.run.scenario.horizonHours * HOUR_MS,
      finished: now.finished,
      paceAsked: pace,
      paceAchieved:
        first && wallS > 0 ? (now.doneUntilMs - first.doneUntilMs) / HOUR_MS / wallS : null,
    };
  }

  summary() {
    const f = this.figures;
    return {
      run: this.config.runId ?? null,
      listening: this.observer !== null,
      events: { ...f?.kpi.byType },
      distinctEvents: f?.kpi.events ?? 0,
      duplicatesDelivered: f?.duplicates ?? 0,
      unreadable: f?.unreadable ?? 0,
      ordersTracked: f?.journeys.size ?? 0,
      deadLetters: { count: f?.deadLetters.count ?? 0, recent: f?.deadLetters.last(20) ?? [] },
      latency: (f?.latency ?? new HopLatency()).report(),
      scaling: Object.fromEntries(f?.scaling ?? []),
    };
  }
}

const NO_LAG = { wallMs: 0, error: null, groups: [] };
