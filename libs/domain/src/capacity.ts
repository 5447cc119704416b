/**
 * Cloud capacity: every event costs compute units; capacity is provisioned toward a
 * target utilisation, but only after a delay, and billed per instance-hour.
 */
import type { Scenario } from './scenario';

type CapacityParams = Scenario['capacity'];

export interface CapacityHour {
  hour: number;
  demandUnits: number;
  instances: number;
  utilization: number;
  costCents: number;
}

/** The compute units of the first `hours` hours, from the events handled in each (none: 0). */
export function demandUnitsByHour(
  eventsByHour: ArrayLike<number>,
  hours: number,
  p: CapacityParams,
): number[] {
  return Array.from({ length: hours }, (_, h) => (eventsByHour[h] ?? 0) * p.unitsPerEvent);
}

/** Instances that would serve `demandUnits` in an hour at the target utilisation. */
export function targetInstances(demandUnits: number, p: CapacityParams): number {
  return Math.max(
    p.minInstances,
    Math.ceil(demandUnits / (p.unitsPerInstanceHour * p.targetUtilization)),
  );
}

/**
 * Plays capacity out hour by hour: the instances running in hour h are the target
 * computed from the demand of hour h − delay (the minimum before that).
 */
export function planCapacity(unitsByHour: readonly number[], p: CapacityParams): CapacityHour[] {
  return unitsByHour.map((demandUnits, hour) => {
    const seen = hour - p.provisionDelayHours;
    const instances = seen < 0 ? p.minInstances : targetInstances(unitsByHour[seen] ?? 0, p);
    const served = instances * p.unitsPerInstanceHour;
    return {
      hour,
      demandUnits,
      instances,
      utilization: served > 0 ? demandUnits / served : 0,
      costCents: instances * p.centsPerInstanceHour,
    };
  });
}

export interface LagPolicy {
  /** Consumer lag one replica is expected to carry (KEDA's lagThreshold). */
  lagPerReplica: number;
  minReplicas: number;
  /** More replicas than partitions would sit idle in the consumer group. */
  maxReplicas: number;
}

/**
 * Replicas a service's consumer lag asks for, as a lag-driven autoscaler computes them:
 * one per `lagPerReplica` messages behind, within [min, max].
 */
export function recommendReplicas(lag: number, p: LagPolicy): number {
  const wanted = Math.ceil(Math.max(0, lag) / p.lagPerReplica);
  return Math.min(p.maxReplicas, Math.max(p.minReplicas, wanted));
}
