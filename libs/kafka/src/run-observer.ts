/**
 * An observer of a run's topics: its own consumer group (so it takes nothing from the
 * services), every message from the beginning, each batch handed over as what it holds:
 * distinct events, duplicates, dead letters, scaling records, unreadable messages.
 */
import type { Consumer, EachBatchPayload, Kafka, KafkaMessage } from 'kafkajs';
import {
  EventParseError,
  EventRoutes,
  Topics,
  parseScalingRecord,
  readDeadLetter,
  runHeaderOf,
  type DeadLetter,
  type ScalingRecord,
  type TopicName,
} from '@weft/contracts';

/** The topics that carry events; the others carry dead letters and operational records. */
const EVENT_TOPICS: ReadonlySet<TopicName> = new Set(
  Object.values(EventRoutes).map((r) => r.topic),
);

export interface RunObserverOptions<E extends { id: string }> {
  /** The observer's own consumer group. */
  groupId: string;
  /** The run's topic prefix, and the topics to read (names without it). */
  topicPrefix: string;
  topics: readonly TopicName[];
  /**
   * How strictly an event is read: `parseEnvelope` to count and trace, `parseEvent` to audit
   * its payload too. An `EventParseError` counts the message as unreadable.
   */
  parse: (bytes: Buffer | null) => E;
  /** How long the broker may hold a fetch open waiting for more messages. */
  maxWaitTimeInMs: number;
  /**
   * The run's epoch: an event whose run header is not it (another run's, a forged one) was
   * refused by the services and is counted as foreign, not as a fact of the run.
   */
  epoch: string;
}

/**
 * An observer reads every topic of a run, so each of its fetches names every partition;
 * fetched a few messages at a time, those requests cost the broker and the observer more
 * than the events (a profile showed a fifth of the monitor's time in socket writes). It is
 * not on the pipeline's path (latency is measured from produce timestamps), so the broker
 * holds its fetches until this much has gathered, or `maxWaitTimeInMs` has passed.
 */
const OBSERVER_MIN_FETCH_BYTES = 64 * 1024;

export interface ObservedEvent<E> {
  event: E;
  /** When it was produced (the Kafka message's timestamp, ms since the epoch). */
  producedWallMs: number;
}

/** What one batch (one topic partition) held, events already deduplicated by id. */
export interface ObservedBatch<E> {
  /** The topic, without the run's prefix. */
  topic: TopicName;
  /** Messages in the batch, whatever they held. */
  messages: number;
  /** Events seen for the first time, in the order they came. */
  events: ObservedEvent<E>[];
  /** Events seen before (the transport delivers at least once). */
  duplicates: number;
  deadLetters: DeadLetter[];
  scaling: ScalingRecord[];
  /**
   * Messages that could not be read. The consuming service dead-letters them; an observer
   * only counts them, and reads on.
   */
  unreadable: number;
  /** Events of another run, or unlabelled: the services dead-lettered them. */
  foreign: number;
}

export class RunObserver<E extends { id: string }> {
  private consumer: Consumer | null = null;
  private stopped = false;
  private readonly seen = new Set<string>();
  /** Each subscribed topic's full name (with the run's prefix) to its catalogue name. */
  private readonly topicOf: ReadonlyMap<string, TopicName>;

  constructor(
    private readonly kafka: Kafka,
    private readonly options: RunObserverOptions<E>,
  ) {
    this.topicOf = new Map(options.topics.map((t) => [options.topicPrefix + t, t]));
  }

  /** Joins the group and reads every topic from its beginning, each batch to `onBatch`. */
  async start(onBatch: (batch: ObservedBatch<E>) => void): Promise<void> {
    const { groupId, maxWaitTimeInMs } = this.options;
    this.stopped = false;
    const consumer = this.kafka.consumer({
      groupId,
      maxWaitTimeInMs,
      minBytes: OBSERVER_MIN_FETCH_BYTES,
      // kafkajs restarts a consumer that crashed on a retriable error, stopped or not: a
      // stopped observer stays stopped (or its process never exits).
      retry: { restartOnFailure: () => Promise.resolve(!this.stopped) },
    });
    this.consumer = consumer;
    await consumer.connect();
    await consumer.subscribe({ topics: [...this.topicOf.keys()], fromBeginning: true });
    await consumer.run({
      eachBatch: (payload) => {
        const batch = this.read(payload);
        if (batch) onBatch(batch);
        return Promise.resolve();
      },
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.consumer?.disconnect();
  }

  /**
   * Forgets an event id, so that memory stays bounded where an observer keeps only recent
   * orders; a later copy of that event then counts as distinct. Without it, every id is kept.
   */
  forget(eventId: string): void {
    this.seen.delete(eventId);
  }

  private read({ batch }: EachBatchPayload): ObservedBatch<E> | undefined {
    const topic = this.topicOf.get(batch.topic);
    if (topic === undefined) return undefined;
    const observed: ObservedBatch<E> = {
      topic,
      messages: batch.messages.length,
      events: [],
      duplicates: 0,
      deadLetters: [],
      scaling: [],
      unreadable: 0,
      foreign: 0,
    };
    for (const m of batch.messages) {
      try {
        this.take(topic, m, observed);
      } catch (err) {
        if (!(err instanceof EventParseError)) throw err;
        observed.unreadable++;
      }
    }
    return observed;
  }

  private take(topic: TopicName, m: KafkaMessage, into: ObservedBatch<E>): void {
    if (topic === Topics.DeadLetter) {
      into.deadLetters.push(readDeadLetter(m.headers));
    } else if (topic === Topics.CapacityScaled) {
      into.scaling.push(parseScalingRecord(m.value));
    } else if (EVENT_TOPICS.has(topic)) {
      this.takeEvent(m, into);
    }
    // Usage records are the capacity service's input, not a fact for an observer.
  }

  private takeEvent(m: KafkaMessage, into: ObservedBatch<E>): void {
    if (runHeaderOf(m.headers) !== this.options.epoch) {
      into.foreign++;
      return;
    }
    const event = this.options.parse(m.value);
    if (this.seen.has(event.id)) {
      into.duplicates++;
      return;
    }
    this.seen.add(event.id);
    into.events.push({ event, producedWallMs: Number(m.timestamp) });
  }
}
