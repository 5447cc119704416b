/**
 * Every event a run's services produce carries the run's epoch in this Kafka header: the
 * envelope's run id. An event without it, or with another run's, is dead-lettered before
 * it is deduplicated, so another run's events (which collide on deterministic ids) can
 * neither be applied nor hide this run's own.
 */
export const RUN_HEADER = 'weft-run';

/** The run header's value as kafkajs hands message headers over. */
export function runHeaderOf(
  headers: Record<string, Buffer | string | (Buffer | string)[] | undefined> | undefined,
): string | undefined {
  const v = headers?.[RUN_HEADER];
  return (Array.isArray(v) ? v[0] : v)?.toString();
}

/** Why a message whose run header is `found` is not this run's (undefined: it is). */
export function foreignRunReason(found: string | undefined, epoch: string): string | undefined {
  if (found === epoch) return undefined;
  if (found === undefined)
    return `no ${RUN_HEADER} header: not produced by this run's services (run ${epoch})`;
  const shown = found.length > 64 ? `${found.slice(0, 64)}…` : found;
  return `from another run: ${RUN_HEADER} is "${shown}", this run's is "${epoch}"`;
}
