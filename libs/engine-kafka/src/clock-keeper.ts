/** The driver's side of a run's clock: its grain, its default lookahead, and the loop that keeps it. */
import { HOUR_MS } from '@weft/domain';
import type { ClockCoordinator, ClockTrace } from '@weft/kafka';

/** Simulated ms per clock window: the frontier moves in steps of one simulated second. */
export const CLOCK_GRAIN_MS = 1000;
/**
 * How far ahead of the frontier timers fire by default: a simulated minute less the
 * window, so that no timer goes out more than a simulated minute behind the clock.
 */
export const DEFAULT_LOOKAHEAD_SECONDS = 55;
/** How often the driver looks at what the pipeline still owes while the clock runs. */
const CLOCK_TICK_MS = 2;
/** How long the clock rides out a Redis it cannot reach (a restart) before the run fails. */
const CLOCK_OUTAGE_MS = 150_000;

/** A tick that failed for a reason a retry cannot mend: the clock's own books are wrong. */
const isClockBug = (err: unknown) => err instanceof Error && err.message.startsWith('clock:');

/** A pace as the CLI takes it (simulated hours per wall second, or max) in simulated ms per wall ms. */
export function simMsPerWallMs(pace: number | 'max'): number {
  return pace === 'max' ? Infinity : (pace * HOUR_MS) / 1000;
}

export interface KeptClock {
  /** Settles once the clock has passed the horizon or was stopped; rejects if a tick failed. */
  done: Promise<void>;
  stop(): void;
}

/**
 * Keeps the run's clock until it has passed the horizon (or `stop` is called): recomputes
 * it every few ms from what the pipeline still owes, records each state it publishes.
 */
export function keepClock(coordinator: ClockCoordinator, trace: ClockTrace): KeptClock {
  let stopped = false;
  let seq = 0;
  const done = (async () => {
    let failingSince = 0;
    while (!stopped) {
      let s;
      try {
        s = await coordinator.tick();
        failingSince = 0;
      } catch (err) {
        failingSince ||= Date.now();
        if (isClockBug(err) || Date.now() - failingSince > CLOCK_OUTAGE_MS) throw err;
        await new Promise((r) => setTimeout(r, 250));
        continue;
      }
      if (s.seq !== seq) {
        seq = s.seq;
        trace.record(s);
      }
      if (s.finished) return;
      await new Promise((r) => setTimeout(r, CLOCK_TICK_MS));
    }
  })();
  return {
    done,
    stop: () => {
      stopped = true;
    },
  };
}
