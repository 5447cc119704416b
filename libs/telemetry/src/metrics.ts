/**
 * Prometheus metrics for one service process, on its own registry. Every family is
 * `weft_*`; `topic` is a topic's catalogue name (`orders.placed`, never with the run's
 * prefix), and every label takes values from a closed set. Counters move by batch, once
 * per topic and batch; state (outbox, timers, a role's open orders) is read when scraped.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** A batch's wall time, from 1 ms (a few events) to 10 s (a Redis stall, a huge fan-out). */
const BATCH_SECONDS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
/** Events per batch: one message up to a full fetch of every partition. */
const BATCH_EVENTS = [1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000];

/** What a role service has waiting, read when scraped (undefined: could not be read now). */
export interface Backlog {
  /** Events in this instance's outbox, not yet produced. */
  outbox: number;
  /** The service's timers the clock lets fire already, and those it does not yet. */
  timersDue: number;
  timersWaiting: number;
}

/** How long a scrape waits for state held elsewhere (Redis) before it shows the last value. */
const SCRAPE_READ_MS = 1000;

/**
 * One read shared by every gauge of a scrape (prom-client collects them together), bounded
 * in time: a Redis that does not answer leaves the gauges where they were rather than
 * hanging the scrape. Resolves undefined when the read failed or took too long.
 */
export function scrapeRead<T>(read: () => Promise<T>): () => Promise<T | undefined> {
  let inFlight: Promise<T | undefined> | null = null;
  return () => {
    inFlight ??= new Promise<T | undefined>((resolve) => {
      const timer = setTimeout(() => resolve(undefined), SCRAPE_READ_MS);
      read()
        .then(
          (value) => resolve(value),
          () => resolve(undefined),
        )
        .finally(() => clearTimeout(timer));
    }).finally(() => {
      inFlight = null;
    });
    return inFlight;
  };
}

export class ServiceMetrics {
  readonly registry = new Registry();
  readonly eventsConsumed: Counter<'topic'>;
  readonly eventsProduced: Counter<'topic'>;
  /** Messages this service dead-lettered, by the topic they came from and a class of reason. */
  readonly deadLettered: Counter<'topic' | 'reason'>;
  /** Wall time to handle one batch: load state, react, commit (a role), or one record. */
  readonly handlerSeconds: Histogram;
  readonly batchEvents: Histogram;

  constructor(service: string) {
    this.registry.setDefaultLabels({ service });
    collectDefaultMetrics({ register: this.registry });
    const registers = [this.registry];
    this.eventsConsumed = new Counter({
      name: 'weft_events_consumed_total',
      help: 'Events consumed from Kafka, by topic',
      labelNames: ['topic'],
      registers,
    });
    this.eventsProduced = new Counter({
      name: 'weft_events_produced_total',
      help: 'Events produced to Kafka (acknowledged by the broker), by topic',
      labelNames: ['topic'],
      registers,
    });
    this.deadLettered = new Counter({
      name: 'weft_events_dead_lettered_total',
      help: 'Messages this service sent to the dead-letter topic, by source topic and reason class',
      labelNames: ['topic', 'reason'],
      registers,
    });
    this.handlerSeconds = new Histogram({
      name: 'weft_handler_batch_duration_seconds',
      help: 'Wall time to handle one batch of consumed events (load state, react, commit)',
      buckets: BATCH_SECONDS,
      registers,
    });
    this.batchEvents = new Histogram({
      name: 'weft_handler_batch_events',
      help: 'Events handled per batch',
      buckets: BATCH_EVENTS,
      registers,
    });
  }

  /** Records one handled batch of `events`, begun at `startedNs` (process.hrtime.bigint()). */
  handled(events: number, startedNs: bigint): void {
    this.handlerSeconds.observe(Number(process.hrtime.bigint() - startedNs) / 1e9);
    this.batchEvents.observe(events);
  }

  /** Shows a role service's outbox depth and timer backlog, read when scraped. */
  watchBacklog(read: () => Promise<Backlog>): void {
    const backlog = scrapeRead(read);
    const registers = [this.registry];
    new Gauge({
      name: 'weft_outbox_depth',
      help: "Events in this instance's outbox, committed and not yet produced",
      registers,
      async collect() {
        const b = await backlog();
        if (b) this.set(b.outbox);
      },
    });
    new Gauge({
      name: 'weft_timers',
      help: "The service's timers not yet fired: due (the clock lets them fire) or waiting; the same from every instance",
      labelNames: ['state'],
      registers,
      async collect() {
        const b = await backlog();
        if (!b) return;
        this.set({ state: 'due' }, b.timersDue);
        this.set({ state: 'waiting' }, b.timersWaiting);
      },
    });
  }
}
