/**
 * `--filter field=value`: matches an event's envelope (`orderId=o42`, `type=OrderPlaced`) or
 * its payload (`shopId=s3`). A field given twice matches either value; different fields must
 * all match.
 */
import { EVENT_TYPES } from '@weft/domain';
import { PAYLOAD_FIELDS } from '@weft/contracts';
import { usageError } from './topic-choice';
import type { WireEvent } from './wire-event';

const ENVELOPE_FIELDS = ['id', 'type', 'atMs', 'orderId'] as const;

export interface EventFilter {
  field: string;
  /** Where the field is: the envelope, or the payload (`data`). */
  inPayload: boolean;
  values: string[];
}

/** All `--filter` values given so far, merged by field. */
export function parseFilter(raw: string, previous: EventFilter[] = []): EventFilter[] {
  const at = raw.indexOf('=');
  const field = raw.slice(0, at).trim();
  const value = raw.slice(at + 1).trim();
  if (at < 0 || field === '' || value === '')
    throw usageError(`expected field=value (e.g. orderId=o42), got "${raw}"`);
  const inEnvelope = (ENVELOPE_FIELDS as readonly string[]).includes(field);
  if (!inEnvelope && !PAYLOAD_FIELDS.includes(field))
    throw usageError(
      `unknown field "${field}" in "${raw}": expected one of ${[...ENVELOPE_FIELDS, ...PAYLOAD_FIELDS].join(', ')}`,
    );
  if (field === 'type' && !(EVENT_TYPES as readonly string[]).includes(value))
    throw usageError(`unknown event type "${value}": expected one of ${EVENT_TYPES.join(', ')}`);
  const same = previous.find((f) => f.field === field);
  if (same) return previous.map((f) => (f === same ? { ...f, values: [...f.values, value] } : f));
  return [...previous, { field, inPayload: !inEnvelope, values: [value] }];
}

/**
 * Whether a field's value is the one asked for. A number also matches with the one-letter
 * prefix the project's keys give it (`s3` for shop 3, `w7` for workshop 7); a list matches
 * when one of its items does (`invited=7`).
 */
function valueMatches(found: unknown, wanted: string): boolean {
  if (Array.isArray(found)) return found.some((item) => valueMatches(item, wanted));
  if (typeof found === 'number') return String(found) === wanted.replace(/^[a-z](?=\d+$)/, '');
  if (typeof found === 'string' || typeof found === 'boolean') return String(found) === wanted;
  return false;
}

export function matchesFilters(event: WireEvent, filters: readonly EventFilter[]): boolean {
  return filters.every((f) => {
    const found = f.inPayload ? event.data[f.field] : event[f.field as keyof WireEvent];
    return f.values.some((v) => valueMatches(found, v));
  });
}
