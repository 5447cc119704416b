/**
 * An event as a watcher reads it off the wire: the envelope's fields checked, the payload
 * left as it came. Watching decides nothing, so it skips the full schema (that is the
 * services' job) and shows even an event a service would dead-letter.
 */
export interface WireEvent {
  v: number;
  id: string;
  type: string;
  atMs: number;
  orderId: string;
  data: Record<string, unknown>;
}

/** The event a message holds, or undefined when it holds none (not JSON, no envelope). */
export function readWireEvent(value: Buffer | null): WireEvent | undefined {
  if (value === null) return undefined;
  let raw: unknown;
  try {
    raw = JSON.parse(value.toString('utf8'));
  } catch {
    return undefined;
  }
  if (typeof raw !== 'object' || raw === null) return undefined;
  const e = raw as Partial<WireEvent>;
  const enveloped =
    typeof e.id === 'string' &&
    typeof e.type === 'string' &&
    typeof e.atMs === 'number' &&
    typeof e.orderId === 'string' &&
    typeof e.data === 'object' &&
    e.data !== null;
  return enveloped ? (raw as WireEvent) : undefined;
}
