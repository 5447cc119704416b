/**
 * An observer of every event of a run, for callers that audit each one (the tests,
 * check:agreement): consumes every topic, keeps each event id once (the transport
 * delivers at least once), and measures hop latency. The report does not need it.
 */
import type { Consumer, Kafka } from 'kafkajs';
import { ALL_TOPICS, Topics, parseEvent, readDeadLetter } from '@weft/contracts';
import type { AnyEvent } from '@weft/domain';
import { HopLatency, type ClockView } from '@weft/telemetry';

export class EventCollector {
  private readonly seen = new Set<string>();
  private consumer: Consumer | null = null;
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

  constructor(
    private readonly kafka: Kafka,
    private readonly topicPrefix: string,
    private readonly groupId: string,
  ) {}

  get unique(): number {
    return this.seen.size;
  }

  async start(): Promise<void> {
    const consumer = this.kafka.consumer({ groupId: this.groupId, maxWaitTimeInMs: 100 });
    this.consumer = consumer;
    await consumer.connect();
    await consumer.subscribe({
      topics: ALL_TOPICS.map((t) => this.topicPrefix + t),
      fromBeginning: true,
    });
    const dlq = this.topicPrefix + Topics.DeadLetter;
    await consumer.run({
      eachBatch: async ({ batch }) => {
        for (const m of batch.messages) {
          if (batch.topic === dlq) {
            const letter = readDeadLetter(m.headers);
            this.deadLetters.push({ reason: letter.reason, source: letter.sourceTopic });
            continue;
          }
          let e: AnyEvent;
          try {
            e = parseEvent(m.value);
          } catch {
            continue; // the consuming service dead-letters it; the observer only counts facts
          }
          if (this.seen.has(e.id)) {
            this.duplicates++;
            continue;
          }
          this.seen.add(e.id);
          this.latency.observe(e.type, e.orderId, e.atMs, Number(m.timestamp));
          this.onEvent?.(e, Number(m.timestamp));
        }
      },
    });
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect();
  }
}
