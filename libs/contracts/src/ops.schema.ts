/**
 * Operational records: not facts of the simulated world but of the system running it.
 * Role services report the events they applied (capacity.usage); the capacity service
 * answers with a scaling record per service (capacity.scaled).
 */
import { z } from 'zod';
import { EventParseError, describeIssues, parseJsonMessage } from './events.schema';
import { OpsLimits as L } from './limits';

// Every number has an upper bound and every string a length (limits.ts says why).
const upTo = (max: number) => z.number().int().min(0).max(max);
const service = z.string().min(1).max(L.serviceChars);
const wallMs = upTo(L.wallMs);
const figure = upTo(L.capacityFigure);

export const UsageRecordSchema = z.strictObject({
  v: z.literal(1),
  kind: z.literal('usage'),
  service,
  instanceId: z.string().min(1).max(L.instanceIdChars),
  /** Events this instance applied since its previous record. */
  events: upTo(L.events),
  /**
   * Events this life of the instance (`life`: random per start) applied in all. A record
   * sent twice (a retry after a send that did reach the broker) adds nothing the second
   * time: the capacity service counts `applied` past what it has seen of that life.
   */
  applied: upTo(L.events),
  life: z.string().min(1).max(32),
  /** Simulated and wall time at which the record was made. */
  simMs: upTo(L.simMs),
  wallMs,
});
export type UsageRecord = z.infer<typeof UsageRecordSchema>;

export const ScalingRecordSchema = z.strictObject({
  v: z.literal(1),
  kind: z.literal('scaled'),
  service,
  /** The simulated hour the capacity figures are for. */
  hour: upTo(L.hour),
  demandUnits: figure,
  instances: figure,
  utilization: z.number().min(0).max(L.capacityFigure),
  costCents: figure,
  /** Real consumer lag of the service's group when the record was made. */
  consumerLag: upTo(L.events),
  /** Replicas the lag asks for (what an autoscaler such as KEDA would set). */
  recommendedReplicas: upTo(L.events),
  wallMs,
});
export type ScalingRecord = z.infer<typeof ScalingRecordSchema>;

/** Bytes, or a value Nest's transport already parsed, to a record of `schema`. */
function parseRecord<S extends z.ZodType>(schema: S, what: string, bytes: unknown): z.infer<S> {
  const raw =
    bytes === null || bytes === undefined || Buffer.isBuffer(bytes) || typeof bytes === 'string'
      ? parseJsonMessage(bytes)
      : bytes;
  const r = schema.safeParse(raw);
  if (!r.success) throw new EventParseError(describeIssues(r.error.issues, what));
  return r.data;
}

/** Bytes (or an already parsed value) to a usage record, or an EventParseError naming what is wrong. */
export const parseUsageRecord = (bytes: unknown): UsageRecord =>
  parseRecord(UsageRecordSchema, 'usage', bytes);

export const parseScalingRecord = (bytes: unknown): ScalingRecord =>
  parseRecord(ScalingRecordSchema, 'scaled', bytes);
