/**
 * An observer of every event of a run, for callers that audit each one (the tests,
 * check:agreement): consumes every topic, keeps each event id once (the transport
 * delivers at least once), and measures hop latency. The report does not need it.
 */
import type { Kafka } from 'kafkajs';
import { ALL_TOPICS, parseEvent } from '@weft/contracts';
import type { AnyEvent } from '@weft/domain';
import { RunObserver, type ObservedBatch } from '@weft/kafka';
import { HopLatency, type ClockView } from '@weft/telemetry';

export class EventCollector {
  /** Reads each payload in full (its callers audit every event) and forgets no id. */
  private readonly observer: RunObserver<AnyEvent>;
  private distinct = 0;
  duplicates = 0;
  deadLetters: { reason: string; source: string }[] = [];
  /** Sees each distinct event once, with the wall time it was produced at. */
  onEvent?: (e: AnyEvent, producedWallMs: number) => void;
  /** How the run's clock moved (set once the run is published), for timer lateness. */
  clock: ClockView | null = null;
  readonly latency = new HopLatency({
    wallWhenFireable: (simMs) => this.clock?.wallWhenFireable(simMs) ?? NaN,
    at: (wallMs) => this.clock?.at(wallMs),
  });

  constructor(kafka: Kafka, topicPrefix: string, groupId: string, epoch: string) {
    this.observer = new RunObserver(kafka, {
      groupId,
      topicPrefix,
      epoch,
      // Every topic, so that the run's drain can wait for this group's lag on all of them.
      topics: ALL_TOPICS,
      parse: parseEvent,
      maxWaitTimeInMs: 250,
    });
  }

  get unique(): number {
    return this.distinct;
  }

  start(): Promise<void> {
    return this.observer.start((batch) => this.onBatch(batch));
  }

  stop(): Promise<void> {
    return this.observer.stop();
  }

  private onBatch(batch: ObservedBatch<AnyEvent>): void {
    this.duplicates += batch.duplicates;
    for (const letter of batch.deadLetters)
      this.deadLetters.push({ reason: letter.reason, source: letter.sourceTopic });
    for (const { event: e, producedWallMs } of batch.events) {
      this.distinct++;
      this.latency.observe(e.type, e.orderId, e.atMs, producedWallMs);
      this.onEvent?.(e, producedWallMs);
    }
  }
}
