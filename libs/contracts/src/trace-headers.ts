/**
 * The W3C Trace Context headers every event carries on Kafka (https://www.w3.org/TR/trace-context/):
 * `traceparent` names the trace and the span that produced the event, `tracestate` carries
 * vendors' data along. A dead letter keeps the original's, so it stays in the order's trace.
 */
export const TraceHeaders = {
  parent: 'traceparent',
  state: 'tracestate',
} as const;

type KafkaHeaders = Record<string, Buffer | string | (Buffer | string)[] | undefined> | undefined;

/** One header's first value as a string, as kafkajs hands headers over. */
function headerOf(headers: KafkaHeaders, name: string): string | undefined {
  const v = headers?.[name];
  return (Array.isArray(v) ? v[0] : v)?.toString();
}

/** The trace headers a message carries, as strings (none: an empty object). */
export function traceHeadersOf(headers: KafkaHeaders): Record<string, string> {
  const kept: Record<string, string> = {};
  const parent = headerOf(headers, TraceHeaders.parent);
  if (parent === undefined) return kept;
  kept[TraceHeaders.parent] = parent;
  const state = headerOf(headers, TraceHeaders.state);
  if (state !== undefined) kept[TraceHeaders.state] = state;
  return kept;
}
