/**
 * Events applied per service and simulated hour, from the role instances' usage records.
 * A record is counted by what it adds to its instance's running total (`applied`, per life
 * of the instance), so a copy of a record, or an older one arriving late, adds nothing:
 * a role retries a report whose send failed though it had reached the broker.
 */
import { HOUR_MS } from '@weft/domain';
import type { UsageRecord } from '@weft/contracts';

export class UsageTally {
  private readonly appliedSoFar = new Map<string, number>();

  /** Adds `usage` to `eventsByHour`; returns the events it counted (0 for a copy). */
  add(usage: UsageRecord, eventsByHour: number[]): number {
    const life = `${usage.instanceId}/${usage.life}`;
    const events = usage.applied - (this.appliedSoFar.get(life) ?? 0);
    if (events <= 0) return 0;
    this.appliedSoFar.set(life, usage.applied);
    const hour = Math.floor(usage.simMs / HOUR_MS);
    while (eventsByHour.length <= hour) eventsByHour.push(0);
    eventsByHour[hour] = (eventsByHour[hour] ?? 0) + events;
    return events;
  }
}
