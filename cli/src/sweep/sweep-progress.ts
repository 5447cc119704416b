/** How far a sweep is: a bar on a terminal (or with --progress), a line now and then otherwise. */
import { Presets, SingleBar } from 'cli-progress';

export type ProgressMode = 'bar' | 'lines' | 'off';

/** `--progress` / `--no-progress` when given, else a bar on a terminal and lines elsewhere. */
export function progressMode(flag: boolean | undefined, isTty: boolean): ProgressMode {
  if (flag === false) return 'off';
  return flag === true || isTty ? 'bar' : 'lines';
}

export interface SweepProgress {
  done(count: number): void;
  stop(): void;
}

/** A line at most this often, so a log of a long sweep stays short. */
const LINE_EVERY_MS = 2000;

export function sweepProgress(
  total: number,
  mode: ProgressMode,
  write: (line: string) => void = (line) => process.stderr.write(line),
): SweepProgress {
  if (mode === 'off') return { done: () => undefined, stop: () => undefined };
  if (mode === 'bar') {
    const bar = new SingleBar(
      {
        format: ' {bar} {percentage}% | {value}/{total} runs | ETA {eta_formatted}',
        hideCursor: true,
        noTTYOutput: true,
        notTTYSchedule: LINE_EVERY_MS,
      },
      Presets.shades_classic,
    );
    bar.start(total, 0);
    return { done: (count) => bar.update(count), stop: () => bar.stop() };
  }
  const started = Date.now();
  let lastLine = started;
  return {
    done(count) {
      const now = Date.now();
      if (count < total && now - lastLine < LINE_EVERY_MS) return;
      lastLine = now;
      const seconds = (now - started) / 1000;
      const left = (seconds / count) * (total - count);
      const eta = count < total ? `, about ${Math.ceil(left)} s left` : '';
      write(`sweep: ${count}/${total} runs, ${seconds.toFixed(0)} s${eta}\n`);
    },
    stop: () => undefined,
  };
}
