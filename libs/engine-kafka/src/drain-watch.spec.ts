import { CLOCK_NOT_STARTED, type ClockState } from '@weft/kafka';
import { RunFailedError, watchDrain, type DrainWatch } from './drain-watch';
import type { PipelineState } from './pipeline-state';

const idle: PipelineState = { lag: 0, outbox: 0, events: 10, placed: 2 };
const at = (doneUntilMs: number, finished = false): ClockState => ({
  ...CLOCK_NOT_STARTED,
  doneUntilMs,
  finished,
});

/** A watch over a clock and pipeline that follow the given scripts, one step per check. */
function watch(clocks: ClockState[], states: PipelineState[], rss: number[], stallMs = 60_000) {
  const lines: string[] = [];
  let clockAt = 0;
  let stateAt = 0;
  let rssAt = 0;
  const w: DrainWatch = {
    clock: () => clocks[Math.min(clockAt++, clocks.length - 1)] ?? at(0),
    sample: async () => states[Math.min(stateAt++, states.length - 1)] ?? idle,
    rssMb: async () => rss[Math.min(rssAt++, rss.length - 1)] ?? 0,
    stallMs,
    log: (line) => lines.push(line),
  };
  return { w, lines };
}

describe('watchDrain', () => {
  jest.setTimeout(10_000);

  it('calls a run drained once the clock has finished and nothing is owed twice in a row', async () => {
    const { w } = watch(
      [at(1_000), at(2_000, true), at(2_000, true), at(2_000, true)],
      [{ ...idle, lag: 5 }, { ...idle, outbox: 1 }, idle, idle],
      [100, 300, 200, 150],
    );
    await expect(watchDrain(w)).resolves.toEqual({ drained: true, peakRssMb: 300 });
  });

  it('gives a run up, undrained, when its clock stands still past the stall timeout', async () => {
    const { w, lines } = watch([at(5_000)], [{ ...idle, lag: 3 }], [120], 0);
    await expect(watchDrain(w)).resolves.toEqual({ drained: false, peakRssMb: 120 });
    expect(lines.at(-1)).toMatch(/the clock has not moved for 0 ms/);
  });

  it('never calls a run drained once Redis has lost it: the failure is thrown, naming what was lost', async () => {
    // Quiet from the first check on: without the failure check this run "drains".
    const { w } = watch([at(2_000, true)], [idle], [100]);
    let checks = 0;
    w.failure = async () => (++checks >= 1 ? 'Redis lost this run: run:epoch is gone' : undefined);
    await expect(watchDrain(w)).rejects.toThrow(RunFailedError);
    await expect(watchDrain(w)).rejects.toThrow(/run:epoch is gone/);
  });

  it('rides out a pipeline it cannot read for a while (the broker away), then drains', async () => {
    const { w, lines } = watch([at(2_000, true)], [idle], [100]);
    let samples = 0;
    w.sample = async () => {
      if (++samples <= 3) throw new Error('Connection error: connect ECONNREFUSED 127.0.0.1:9092');
      return idle;
    };
    await expect(watchDrain(w)).resolves.toEqual({ drained: true, peakRssMb: 100 });
    expect(lines.filter((l) => l.includes('unreadable'))).toHaveLength(3);
  });

  it('gives up when the pipeline stays unreadable past the outage limit', async () => {
    const { w } = watch([at(2_000)], [idle], [100]);
    w.outageMs = 600;
    w.sample = async () => {
      throw new Error('Connection error: connect ECONNREFUSED 127.0.0.1:9092');
    };
    await expect(watchDrain(w)).rejects.toThrow(/unreadable for 600 ms/);
  });
});
