/**
 * The saturation rule: whether a window of offered load was sustained. The simulated clock
 * waits for the pipeline, so an overloaded pipeline does not pile up lag without end: it
 * slows the clock. A window is sustained when the clock kept (nearly) the pace asked for,
 * consumer lag did not keep growing, and hop latency stayed within its bound.
 */
import { HOUR_MS } from '@weft/domain';

/** One look at the pipeline during a window. */
export interface PipelineSample {
  /** Wall seconds since the bench's load started. */
  seconds: number;
  /** Messages the role services' groups are behind, together. */
  lag: number;
  /** The clock's frontier: simulated ms every role has applied. */
  doneUntilMs: number;
  /** Events the run has produced so far. */
  events: number;
}

export interface SaturationRule {
  /** The share of the asked pace the clock must keep (0.9: within 10 %). */
  minPaceShare: number;
  /** How fast lag may grow, as a share of the events per second the window carried. */
  maxLagGrowthShare: number;
  /** Lag growth below this many messages per second is noise, whatever the share. */
  lagNoisePerSecond: number;
  /** The highest p99 hop latency (wall ms) a sustained window may have; null: no bound. */
  maxP99Ms: number | null;
}

export const DEFAULT_SATURATION_RULE: SaturationRule = {
  minPaceShare: 0.9,
  maxLagGrowthShare: 0.05,
  lagNoisePerSecond: 50,
  maxP99Ms: null,
};

export interface WindowVerdict {
  sustained: boolean;
  /** Simulated hours per wall second the clock's frontier moved over the window. */
  achievedPace: number;
  eventsPerSecond: number;
  /** Least-squares slope of the lag over the window, messages per second. */
  lagGrowthPerSecond: number;
  /** Why it was not sustained (empty when it was). */
  reasons: string[];
}

/** Least-squares slope of y over x (0 with fewer than two distinct x). */
export function slope(points: readonly { x: number; y: number }[]): number {
  const n = points.length;
  if (n < 2) return 0;
  let sx = 0;
  let sy = 0;
  for (const p of points) {
    sx += p.x;
    sy += p.y;
  }
  const mx = sx / n;
  const my = sy / n;
  let num = 0;
  let den = 0;
  for (const p of points) {
    num += (p.x - mx) * (p.y - my);
    den += (p.x - mx) ** 2;
  }
  return den === 0 ? 0 : num / den;
}

/**
 * Judges one window from its samples (at least two, first and last at its edges), the
 * pace it asked for (null: as fast as it goes, which is sustained by definition of the
 * clock, and judged on lag and latency only) and its worst p99 hop latency.
 */
export function judgeWindow(
  samples: readonly PipelineSample[],
  askedPace: number | null,
  p99Ms: number | null,
  rule: SaturationRule = DEFAULT_SATURATION_RULE,
): WindowVerdict {
  const first = samples[0];
  const last = samples[samples.length - 1];
  if (!first || !last || last.seconds <= first.seconds)
    throw new Error('saturation: a window needs two samples at different times');
  const seconds = last.seconds - first.seconds;
  const achievedPace = (last.doneUntilMs - first.doneUntilMs) / HOUR_MS / seconds;
  const eventsPerSecond = (last.events - first.events) / seconds;
  const lagGrowthPerSecond = slope(samples.map((s) => ({ x: s.seconds, y: s.lag })));
  const reasons: string[] = [];
  if (askedPace !== null && achievedPace < rule.minPaceShare * askedPace)
    reasons.push(
      `the clock kept ${fmt(achievedPace)} of ${fmt(askedPace)} simulated h/s asked (under ${rule.minPaceShare * 100} %)`,
    );
  const lagBound = Math.max(rule.lagNoisePerSecond, rule.maxLagGrowthShare * eventsPerSecond);
  if (lagGrowthPerSecond > lagBound)
    reasons.push(
      `lag grew by ${Math.round(lagGrowthPerSecond)} messages/s (over ${Math.round(lagBound)})`,
    );
  if (rule.maxP99Ms !== null && p99Ms !== null && p99Ms > rule.maxP99Ms)
    reasons.push(`p99 hop latency ${p99Ms} ms (over ${rule.maxP99Ms} ms)`);
  return {
    sustained: reasons.length === 0,
    achievedPace,
    eventsPerSecond,
    lagGrowthPerSecond,
    reasons,
  };
}

/**
 * The highest pace sustained before the first window that was not (the search stops
 * there: a later window's pace is not trusted past a failure); null when none was.
 */
export function highestSustained(
  windows: readonly { pace: number | null; verdict: WindowVerdict }[],
): number | null {
  let best: number | null = null;
  for (const w of windows) {
    if (w.pace === null) continue;
    if (!w.verdict.sustained) break;
    best = best === null ? w.pace : Math.max(best, w.pace);
  }
  return best;
}

const fmt = (x: number) => (Math.round(x * 1000) / 1000).toString();
