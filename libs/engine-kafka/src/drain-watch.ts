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
  log: RunLog;
  onProgress?: KafkaRunOptions['onProgress'];
}

/** How often the pipeline is looked at while it drains (wall ms). */
const DRAIN_CHECK_MS = 500;

export async function watchDrain(w: DrainWatch): Promise<{ drained: boolean; peakRssMb: number }> {
  let lastMove = Date.now();
  let lastDone = -1;
  let idleChecks = 0;
  let peakRssMb = 0;
  for (;;) {
    await new Promise((r) => setTimeout(r, DRAIN_CHECK_MS));
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
    const state = await w.sample();
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
