/** The world a bench offers, and the pipeline's own messages for its ceiling. */
import { EventRoutes, eventJson } from '@weft/contracts';
import type { AnyEvent, Scenario } from '@weft/domain';
import { runDes } from '@weft/engine-des';
import type { CeilingMessage } from './ceiling';
import { profileWindows, type LoadProfile } from './load-profile';

/** Events of the in-process engine kept as the ceiling's sample messages. */
const SAMPLE_MESSAGES = 20_000;

/** The scenario a bench offers: demand flat over the day, long enough for every window. */
export function benchScenario(base: Scenario, profile: LoadProfile, maxSeconds: number): Scenario {
  const curve = base.demand.hourlyCurve;
  const mean = curve.reduce((a, b) => a + b, 0) / Math.max(1, curve.length);
  const asked = profileWindows(profile).reduce(
    (h, w) => h + w.pace * (w.toSeconds - w.fromSeconds),
    0,
  );
  // The closing window at pace max may go several times faster than the last step asked.
  const fastest = Math.max(...profileWindows(profile).map((w) => w.pace));
  const hours = Math.ceil(asked + fastest * maxSeconds * 4) + 24;
  return {
    ...base,
    name: `${base.name}-bench`,
    durationHours: hours,
    horizonHours: hours + 72,
    demand: {
      ...base.demand,
      ordersPerHour: Math.round(base.demand.ordersPerHour * mean),
      hourlyCurve: curve.map(() => 1),
      spikes: [],
    },
  };
}

/** A spread of the pipeline's own messages: every n-th event of an in-process day. */
export function sampleMessages(scenario: Scenario): CeilingMessage[] {
  const day: Scenario = { ...scenario, durationHours: 24, horizonHours: 96 };
  const picked: CeilingMessage[] = [];
  let n = 0;
  runDes(day, {
    observe: (e: AnyEvent) => {
      if (n++ % 20 !== 0 || picked.length >= SAMPLE_MESSAGES) return;
      const route = EventRoutes[e.type] as { key: (e: AnyEvent) => string };
      picked.push({ key: route.key(e), value: eventJson(e) });
    },
  });
  return picked;
}
