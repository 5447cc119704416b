/**
 * Waiting for a run to drain: the clock past the horizon, no consumer lag and no unsent
 * outbox twice in a row; or giving up when the clock has stalled.
 */
import { HOUR_MS } from '@weft/domain';
import type { ClockState } from '@weft/kafka';
import type { PipelineState } from './pipeline-state';
import type { KafkaRunOptions, RunLog } from './run-options';

export interface DrainWatch {
  clock: () => ClockState;
  sample: () => Promise<PipelineState>;
  /** The service processes' resident memory together now, in MB. */
  rssMb: () => Promise<number>;
  /** Wall ms the clock may stand still before the run is given up. */
  stallMs: number;
  /**
   * Why the run cannot go on, if it cannot (Redis lost it, a service fails for good):
   * looked at every check, before anything else, so a wiped run is never called drained.
   */
  failure?: () => Promise<string | undefined>;
  /** Wall ms the pipeline may be unreadable (the broker away) before the run is given up. */
  outageMs?: number;
  log: RunLog;
  onProgress?: KafkaRunOptions['onProgress'];
}

/** How often the pipeline is looked at while it drains (wall ms). */
const DRAIN_CHECK_MS = 500;

/** The run cannot go on: the reason names what was lost or what failed. */
export class RunFailedError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'RunFailedError';
  }
}

export async function watchDrain(w: DrainWatch): Promise<{ drained: boolean; peakRssMb: number }> {
  let lastMove = Date.now();
  let lastDone = -1;
  let idleChecks = 0;
  let peakRssMb = 0;
  let unreadableSince = 0;
  for (;;) {
    await new Promise((r) => setTimeout(r, DRAIN_CHECK_MS));
    const failure = await w.failure?.();
    if (failure) throw new RunFailedError(failure);
    const now = w.clock();
    if (now.doneUntilMs !== lastDone) {
      lastDone = now.doneUntilMs;
      lastMove = Date.now();
    } else if (Date.now() - lastMove > w.stallMs) {
      w.log(
        `the clock has not moved for ${w.stallMs} ms (at ${(lastDone / HOUR_MS).toFixed(3)} h)`,
      );
      return { drained: false, peakRssMb };
    }
    let state: PipelineState;
    try {
      state = await w.sample();
      if (unreadableSince > 0)
        w.log(`the pipeline is readable again after ${Date.now() - unreadableSince} ms`);
      unreadableSince = 0;
    } catch (err) {
      // The broker away (a restart, an outage): ridden out for a while. The clock cannot
      // move meanwhile, so a longer outage also ends as a stall.
      unreadableSince ||= Date.now();
      const outageMs = w.outageMs ?? 150_000;
      if (Date.now() - unreadableSince > outageMs)
        throw new RunFailedError(
          `the pipeline has been unreadable for ${outageMs} ms (is the broker up?): ${String(err)}`,
        );
      w.log(`drain: the pipeline is unreadable (${String(err)}); waiting`);
      lastMove = Date.now();
      continue;
    }
    w.onProgress?.({
      simHours: Math.max(0, now.doneUntilMs) / HOUR_MS,
      events: state.events,
      placed: state.placed,
      lag: state.lag,
    });
    w.log(`drain: sim ${(now.doneUntilMs / HOUR_MS).toFixed(2)} h ${JSON.stringify(state)}`);
    peakRssMb = Math.max(peakRssMb, await w.rssMb());
    // Past the horizon every reaction is paid; what is left is sending the facts no
    // role reacts to, and the observer reading them.
    const quiet = now.finished && state.lag === 0 && state.outbox === 0;
    idleChecks = quiet ? idleChecks + 1 : 0;
    if (idleChecks >= 2) return { drained: true, peakRssMb };
  }
}
