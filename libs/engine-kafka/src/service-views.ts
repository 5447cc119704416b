/** What the capacity and monitor services of a run show over HTTP, for its report. */
import type { LatencyReport } from '@weft/telemetry';
import type { ServiceProcess } from './service-processes';

export interface ServiceViews {
  scaling?: Record<string, { consumerLag: number; recommendedReplicas: number }>;
  monitor?: { distinctEvents: number; deadLetters: number };
  latency?: LatencyReport;
  duplicatesDelivered?: number;
}

/** What the capacity and monitor services show at the end of a run (absent if they do not answer). */
export async function serviceViews(processes: readonly ServiceProcess[]): Promise<ServiceViews> {
  const get = async (service: string, path: string): Promise<unknown> => {
    const p = processes.find((x) => x.service === service);
    if (!p) return undefined;
    try {
      const res = await fetch(`http://127.0.0.1:${p.port}${path}`);
      return res.ok ? await res.json() : undefined;
    } catch {
      return undefined;
    }
  };
  const [capacity, monitor] = (await Promise.all([
    get('capacity', '/capacity'),
    get('monitor', '/summary'),
  ])) as [
    { services?: Record<string, { consumerLag: number; recommendedReplicas: number }> } | undefined,
    (
      | {
          distinctEvents: number;
          duplicatesDelivered: number;
          deadLetters: { count: number };
          latency: LatencyReport;
        }
      | undefined
    ),
  ];
  return {
    scaling:
      capacity?.services &&
      Object.fromEntries(
        Object.entries(capacity.services).map(([s, v]) => [
          s,
          { consumerLag: v.consumerLag, recommendedReplicas: v.recommendedReplicas },
        ]),
      ),
    monitor: monitor && {
      distinctEvents: monitor.distinctEvents,
      deadLetters: monitor.deadLetters.count,
    },
    latency: monitor?.latency,
    duplicatesDelivered: monitor?.duplicatesDelivered,
  };
}
