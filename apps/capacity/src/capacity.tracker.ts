/**
 * The capacity model of a distributed run. Role instances report the events they applied
 * (capacity.usage); per simulated hour and service these become demand units, and the
 * domain's capacity model turns them into instances provisioned (after its delay),
 * utilisation and cost. Real consumer lag, measured every second, becomes the replica
 * count a lag-driven autoscaler would set. Each closed hour is published on
 * capacity.scaled; the latest figures are on /capacity and /metrics.
 */
import { Inject, Injectable } from '@nestjs/common';
import type { Admin, Producer } from 'kafkajs';
import type { Logger } from 'pino';
import { Gauge } from 'prom-client';
import {
  EventParseError,
  ROLE_SERVICES,
  deadLetterMessage,
  Topics,
  parseUsageRecord,
  ServiceInputs,
  type ScalingRecord,
} from '@weft/contracts';
import { HOUR_MS, demandUnitsByHour, planCapacity, recommendReplicas } from '@weft/domain';
import { ClockFollower, consumerLag, createKafka, type RunConfig } from '@weft/kafka';
import { RunScoped, SERVICE_CONFIG, SERVICE_LOGGER, groupIdOf } from '@weft/service';
import { ServiceMetrics } from '@weft/telemetry';
import type { CapacityConfig } from './config';
import { UsageTally } from './usage-tally';

/** The services whose load and lag are modelled: those that host a domain role. */
type Modelled = (typeof ROLE_SERVICES)[number];

interface ServiceLoad {
  /** Events applied per simulated hour. */
  eventsByHour: number[];
  lag: number;
  recommendedReplicas: number;
}

@Injectable()
export class CapacityTracker extends RunScoped {
  private run: RunConfig | null = null;
  private readonly tally = new UsageTally();
  private clock: ClockFollower | null = null;
  private admin: Admin | null = null;
  /** Connected on first use: a malformed record may come before the run config does. */
  private readonly producer: Producer;
  private producerConnected: Promise<Producer> | null = null;
  private loop: NodeJS.Timeout | null = null;
  private published = 0; // simulated hours already published
  private readonly load = new Map<Modelled, ServiceLoad>(
    ROLE_SERVICES.map((s) => [s, { eventsByHour: [], lag: 0, recommendedReplicas: 1 }]),
  );
  readonly rejected: { reason: string }[] = [];
  private readonly lagGauge: Gauge<'for_service'>;
  private readonly replicasGauge: Gauge<'for_service'>;
  private readonly instancesGauge: Gauge<'for_service'>;

  constructor(
    @Inject(SERVICE_CONFIG) private readonly config: CapacityConfig,
    @Inject(SERVICE_LOGGER) logger: Logger,
    private readonly metrics: ServiceMetrics,
  ) {
    super(config, logger);
    this.producer = createKafka(config.kafka, logger).producer();
    const gauge = (name: string, help: string) =>
      new Gauge({ name, help, labelNames: ['for_service'], registers: [metrics.registry] });
    this.lagGauge = gauge('weft_consumer_lag', 'Messages a service group is behind');
    this.replicasGauge = gauge(
      'weft_recommended_replicas',
      'Replicas the consumer lag asks for (lag-driven autoscaling)',
    );
    this.instancesGauge = gauge(
      'weft_capacity_instances',
      'Cloud instances the capacity model provisions for the last simulated hour',
    );
  }

  protected async startRun(run: RunConfig): Promise<void> {
    this.admin = createKafka(this.config.kafka, this.logger).admin();
    await Promise.all([this.admin.connect(), this.connected()]);
    this.run = run;
    this.clock = new ClockFollower(this.redis);
    await this.clock.start();
    const poll = () => {
      this.loop = setTimeout(() => {
        this.refresh().then(poll, (err: unknown) => {
          this.logger.warn({ err }, 'capacity refresh failed; retrying');
          poll();
        });
      }, this.config.lagPollMs);
    };
    poll();
  }

  protected async stopRun(): Promise<void> {
    if (this.loop) clearTimeout(this.loop);
    await this.clock?.stop();
    await this.admin?.disconnect();
    if (this.producerConnected) await this.producer.disconnect();
  }

  private connected(): Promise<Producer> {
    this.producerConnected ??= this.producer.connect().then(
      () => this.producer,
      (err: unknown) => {
        this.producerConnected = null; // the next use tries again
        throw err;
      },
    );
    return this.producerConnected;
  }

  /** One usage record from a role instance; a malformed one is dead-lettered with the reason. */
  async record(payload: unknown): Promise<void> {
    let usage;
    try {
      usage = parseUsageRecord(payload);
    } catch (err) {
      if (!(err instanceof EventParseError)) throw err;
      this.rejected.push({ reason: err.reason });
      this.logger.warn({ reason: err.reason }, 'usage record dead-lettered');
      const producer = await this.connected();
      await producer.send({
        topic: this.config.kafka.topicPrefix + Topics.DeadLetter,
        messages: [
          deadLetterMessage(
            typeof payload === 'string' ? payload : JSON.stringify(payload ?? null),
            {
              reason: err.reason,
              sourceTopic: this.config.kafka.topicPrefix + Topics.CapacityUsage,
              service: 'capacity',
            },
          ),
        ],
      });
      this.metrics.deadLettered.inc({ topic: Topics.CapacityUsage, reason: err.kind });
      this.metrics.eventsProduced.inc({ topic: Topics.DeadLetter });
      return;
    }
    const load = this.load.get(usage.service as Modelled);
    if (!load) return; // a service the model does not cover
    this.tally.add(usage, load.eventsByHour);
  }

  /** Measures lag, refreshes recommendations, and publishes the hours that have closed. */
  private async refresh(): Promise<void> {
    const run = this.run;
    if (!run || !this.admin || !this.clock) return;
    const prefix = this.config.kafka.topicPrefix;
    const groups = ROLE_SERVICES.map((s) => ({
      groupId: groupIdOf(this.config.runId, s),
      topics: ServiceInputs[s].map((t) => prefix + t),
    }));
    const lags = await consumerLag(this.admin, groups);
    const policy = {
      lagPerReplica: this.config.lagPerReplica,
      minReplicas: 1,
      maxReplicas: this.config.kafka.partitions,
    };
    for (const [i, s] of ROLE_SERVICES.entries()) {
      const load = this.load.get(s);
      if (!load) continue;
      load.lag = lags.get(groups[i]?.groupId ?? '') ?? 0;
      load.recommendedReplicas = recommendReplicas(load.lag, policy);
      this.lagGauge.set({ for_service: s }, load.lag);
      this.replicasGauge.set({ for_service: s }, load.recommendedReplicas);
    }
    // An hour is closed once every event in it has been applied (the clock's frontier).
    const done = Math.max(0, this.clock.now.doneUntilMs);
    const closed = Math.min(Math.floor(done / HOUR_MS), run.scenario.horizonHours);
    const records: ScalingRecord[] = [];
    for (; this.published < closed; this.published++)
      for (const s of ROLE_SERVICES) records.push(this.scalingRecord(run, s, this.published));
    if (records.length === 0) return;
    await this.producer.send({
      topic: prefix + Topics.CapacityScaled,
      messages: records.map((r) => ({ key: r.service, value: JSON.stringify(r) })),
    });
    this.metrics.eventsProduced.inc({ topic: Topics.CapacityScaled }, records.length);
  }

  private scalingRecord(run: RunConfig, service: Modelled, hour: number): ScalingRecord {
    const p = run.scenario.capacity;
    const load = this.load.get(service) ?? { eventsByHour: [], lag: 0, recommendedReplicas: 1 };
    const plan = planCapacity(demandUnitsByHour(load.eventsByHour, hour + 1, p), p)[hour] ?? {
      demandUnits: 0,
      instances: p.minInstances,
      utilization: 0,
      costCents: 0,
    };
    this.instancesGauge.set({ for_service: service }, plan.instances);
    return {
      v: 1,
      kind: 'scaled',
      service,
      hour,
      demandUnits: plan.demandUnits,
      instances: plan.instances,
      utilization: plan.utilization,
      costCents: plan.costCents,
      consumerLag: load.lag,
      recommendedReplicas: load.recommendedReplicas,
      wallMs: Date.now(),
    };
  }

  /** What /capacity shows: per service, the latest lag, recommendation and hourly load. */
  snapshot() {
    return {
      run: this.config.runId ?? null,
      started: this.run !== null,
      hoursPublished: this.published,
      lagPerReplica: this.config.lagPerReplica,
      rejectedRecords: this.rejected.length,
      services: Object.fromEntries(
        [...this.load].map(([s, l]) => [
          s,
          {
            consumerLag: l.lag,
            recommendedReplicas: l.recommendedReplicas,
            eventsByHour: l.eventsByHour,
          },
        ]),
      ),
    };
  }
}
