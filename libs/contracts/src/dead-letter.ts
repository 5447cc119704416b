/**
 * The dead-letter record: the original bytes, keyed by the topic they came from, with
 * headers that say why and where. One writer (`deadLetterMessage`) and one reader
 * (`readDeadLetter`), so every service writes the same headers and every observer reads
 * them the same way.
 */

export const DeadLetterHeaders = {
  reason: 'weft-dlq-reason',
  sourceTopic: 'weft-source-topic',
  sourcePartition: 'weft-source-partition',
  sourceOffset: 'weft-source-offset',
  service: 'weft-service',
} as const;

export interface DeadLetter {
  /** Why it was refused, naming the field where a field is wrong. */
  reason: string;
  /** The topic it came from (with the run's prefix), and where in it, when known. */
  sourceTopic: string;
  sourcePartition?: number;
  sourceOffset?: string;
  /** The service that refused it. */
  service: string;
}

/** The message that dead-letters `value` (the original bytes, untouched). */
export function deadLetterMessage(
  value: Buffer | string | null,
  d: DeadLetter,
): { key: string; value: Buffer | string | null; headers: Record<string, string> } {
  const headers: Record<string, string> = {
    [DeadLetterHeaders.reason]: d.reason,
    [DeadLetterHeaders.sourceTopic]: d.sourceTopic,
    [DeadLetterHeaders.service]: d.service,
  };
  if (d.sourcePartition !== undefined)
    headers[DeadLetterHeaders.sourcePartition] = String(d.sourcePartition);
  if (d.sourceOffset !== undefined) headers[DeadLetterHeaders.sourceOffset] = d.sourceOffset;
  return { key: d.sourceTopic, value, headers };
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
  return {
    reason: get(DeadLetterHeaders.reason) ?? '',
    sourceTopic: get(DeadLetterHeaders.sourceTopic) ?? '',
    sourcePartition: partition === undefined ? undefined : Number(partition),
    sourceOffset: get(DeadLetterHeaders.sourceOffset),
    service: get(DeadLetterHeaders.service) ?? '',
  };
}
