/**
 * The dead-letter record: the original bytes, keyed by the topic they came from, with
 * headers that say why and where. One writer (`deadLetterMessage`) and one reader
 * (`readDeadLetter`), so every service writes the same headers and every observer reads
 * them the same way.
 */
import { ReasonLimits } from './limits';
import { traceHeadersOf } from './trace-headers';

export const DeadLetterHeaders = {
  reason: 'weft-dlq-reason',
  sourceTopic: 'weft-source-topic',
  sourcePartition: 'weft-source-partition',
  sourceOffset: 'weft-source-offset',
  service: 'weft-service',
  /** Set only when the value holds a prefix of the original: `true`, and its size in bytes. */
  truncated: 'weft-dlq-truncated',
  originalBytes: 'weft-dlq-original-bytes',
} as const;

/**
 * Why a message was dead-lettered, as a closed set of classes: a metric's label, which must
 * never take a value a sender chose (the reason itself quotes the message).
 */
export const DeadLetterClasses = [
  /** Not an event at all: empty, or not JSON. */
  'unreadable',
  /** JSON that breaks the event schema (a field named in the reason). */
  'invalid',
  /** Another run's event, or one without the run header. */
  'foreign-run',
  /** The broker refused to take it, for good (too large, corrupt). */
  'refused',
  /** An outbox entry its own code did not write. */
  'not-an-outbox-line',
] as const;
export type DeadLetterClass = (typeof DeadLetterClasses)[number];

/** What the broker takes in one record batch by default (Kafka's max.message.bytes). */
export const KAFKA_MAX_MESSAGE_BYTES = 1_048_588;

/**
 * The most of the original a dead letter keeps: the broker's limit less 64 KiB for the
 * headers (a capped reason, a topic name of ≤ 249 characters, the rest short) and the
 * record's and batch's own overhead.
 */
export const DEAD_LETTER_MAX_VALUE_BYTES = KAFKA_MAX_MESSAGE_BYTES - 64 * 1024;

/** Header values other than the reason: topic names (≤ 249), service names, offsets. */
const HEADER_MAX_CHARS = 255;

export interface DeadLetter {
  /** Why it was refused, naming the field where a field is wrong. */
  reason: string;
  /** The topic it came from (with the run's prefix), and where in it, when known. */
  sourceTopic: string;
  sourcePartition?: number;
  sourceOffset?: string;
  /** The service that refused it. */
  service: string;
  /**
   * Read back when the original was larger than a dead letter may be: its size in bytes
   * (the value holds its first `DEAD_LETTER_MAX_VALUE_BYTES`). The writer sets it itself.
   */
  originalBytes?: number;
}

const cut = (s: string, max: number) => (s.length <= max ? s : `${s.slice(0, max - 1)}…`);

/**
 * The value a dead letter carries: the original bytes untouched, or, past what the broker
 * takes, a prefix of them and the original's size.
 */
function keptValue(value: Buffer | string | null): {
  value: Buffer | string | null;
  originalBytes?: number;
} {
  if (value === null) return { value };
  const bytes = typeof value === 'string' ? Buffer.byteLength(value) : value.length;
  if (bytes <= DEAD_LETTER_MAX_VALUE_BYTES) return { value };
  const buf = typeof value === 'string' ? Buffer.from(value) : value;
  return { value: buf.subarray(0, DEAD_LETTER_MAX_VALUE_BYTES), originalBytes: bytes };
}

/**
 * The message that dead-letters `value`: the original bytes, truncated only past
 * `DEAD_LETTER_MAX_VALUE_BYTES`, with headers whatever the caller passes kept short, so
 * the record always fits the broker's limit. The original's trace headers (`original`:
 * its headers as a client hands them over) are kept, so the dead letter stays in its trace.
 */
export function deadLetterMessage(
  value: Buffer | string | null,
  d: Omit<DeadLetter, 'originalBytes'>,
  original?: Parameters<typeof traceHeadersOf>[0],
): { key: string; value: Buffer | string | null; headers: Record<string, string> } {
  const topic = cut(d.sourceTopic, HEADER_MAX_CHARS);
  const headers: Record<string, string> = {
    ...traceHeadersOf(original),
    [DeadLetterHeaders.reason]: cut(d.reason, ReasonLimits.chars),
    [DeadLetterHeaders.sourceTopic]: topic,
    [DeadLetterHeaders.service]: cut(d.service, HEADER_MAX_CHARS),
  };
  if (d.sourcePartition !== undefined)
    headers[DeadLetterHeaders.sourcePartition] = String(d.sourcePartition);
  if (d.sourceOffset !== undefined)
    headers[DeadLetterHeaders.sourceOffset] = cut(d.sourceOffset, HEADER_MAX_CHARS);
  const kept = keptValue(value);
  if (kept.originalBytes !== undefined) {
    headers[DeadLetterHeaders.truncated] = 'true';
    headers[DeadLetterHeaders.originalBytes] = String(kept.originalBytes);
  }
  return { key: topic, value: kept.value, headers };
}

/** Reads a dead-letter message's headers (as Kafka clients hand them over). */
export function readDeadLetter(
  headers: Record<string, Buffer | string | (Buffer | string)[] | undefined> | undefined,
): DeadLetter {
  const get = (name: string) => {
    const v = headers?.[name];
    return (Array.isArray(v) ? v[0] : v)?.toString();
  };
  const partition = get(DeadLetterHeaders.sourcePartition);
  const letter: DeadLetter = {
    reason: get(DeadLetterHeaders.reason) ?? '',
    sourceTopic: get(DeadLetterHeaders.sourceTopic) ?? '',
    sourcePartition: partition === undefined ? undefined : Number(partition),
    sourceOffset: get(DeadLetterHeaders.sourceOffset),
    service: get(DeadLetterHeaders.service) ?? '',
  };
  if (get(DeadLetterHeaders.truncated) === 'true')
    letter.originalBytes = Number(get(DeadLetterHeaders.originalBytes));
  return letter;
}
