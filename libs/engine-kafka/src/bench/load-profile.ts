/**
 * Offered load over wall time, as the simulated clock's pace (simulated hours per wall
 * second): a step profile raises it by a factor every hold, a ramp raises it linearly, a
 * spike holds a base and jumps for a few seconds every period. The bench judges each
 * window of a profile on its own (see saturation.ts).
 */

export type LoadProfile =
  | {
      kind: 'step';
      /** Pace of the first step; each next step is `factor` times the one before. */
      startPace: number;
      factor: number;
      steps: number;
      holdSeconds: number;
    }
  | {
      kind: 'ramp';
      startPace: number;
      endPace: number;
      /** The ramp's length, judged in windows of `windowSeconds`. */
      seconds: number;
      windowSeconds: number;
    }
  | {
      kind: 'spike';
      basePace: number;
      spikePace: number;
      /** Each period is base pace, then `spikeSeconds` of spike pace at its end. */
      periodSeconds: number;
      spikeSeconds: number;
      cycles: number;
    };

export type ProfileKind = LoadProfile['kind'];

/** One stretch of a profile that is judged as a whole: sustained, or not. */
export interface LoadWindow {
  index: number;
  fromSeconds: number;
  toSeconds: number;
  /** The mean pace asked for over the window. */
  pace: number;
}

export function profileSeconds(p: LoadProfile): number {
  switch (p.kind) {
    case 'step':
      return p.steps * p.holdSeconds;
    case 'ramp':
      return p.seconds;
    case 'spike':
      return p.cycles * p.periodSeconds;
  }
}

/** The pace asked for `seconds` after the profile started; null once it has ended. */
export function paceAt(p: LoadProfile, seconds: number): number | null {
  if (seconds < 0 || seconds >= profileSeconds(p)) return null;
  switch (p.kind) {
    case 'step':
      return p.startPace * p.factor ** Math.floor(seconds / p.holdSeconds);
    case 'ramp':
      return p.startPace + ((p.endPace - p.startPace) * seconds) / p.seconds;
    case 'spike': {
      const inPeriod = seconds % p.periodSeconds;
      return inPeriod >= p.periodSeconds - p.spikeSeconds ? p.spikePace : p.basePace;
    }
  }
}

/** The windows a profile is judged in, with the mean pace each asks for. */
export function profileWindows(p: LoadProfile): LoadWindow[] {
  const length =
    p.kind === 'step' ? p.holdSeconds : p.kind === 'ramp' ? p.windowSeconds : p.periodSeconds;
  const total = profileSeconds(p);
  const windows: LoadWindow[] = [];
  for (let from = 0, index = 0; from < total - 1e-9; from += length, index++) {
    const to = Math.min(total, from + length);
    windows.push({ index, fromSeconds: from, toSeconds: to, pace: meanPace(p, from, to) });
  }
  return windows;
}

function meanPace(p: LoadProfile, from: number, to: number): number {
  switch (p.kind) {
    case 'step':
      return paceAt(p, from) ?? 0;
    case 'ramp':
      return paceAt(p, (from + to) / 2) ?? 0;
    case 'spike': {
      const spike = Math.min(p.spikeSeconds, to - from);
      return (p.basePace * (to - from - spike) + p.spikePace * spike) / (to - from);
    }
  }
}

/** Reads a profile from the bench's flags, with a clear error for a wrong value. */
export function parseProfile(
  kind: string,
  o: { startPace: number; factor: number; steps: number; holdSeconds: number },
): LoadProfile {
  const positive = (name: string, v: number) => {
    if (!(Number.isFinite(v) && v > 0))
      throw new Error(`${name}: expected a number above 0, got ${v}`);
  };
  positive('--start-pace', o.startPace);
  positive('--hold', o.holdSeconds);
  positive('--steps', o.steps);
  if (!Number.isInteger(o.steps))
    throw new Error(`--steps: expected a whole number, got ${o.steps}`);
  if (!(o.factor > 1)) throw new Error(`--factor: expected a number above 1, got ${o.factor}`);
  switch (kind) {
    case 'step':
      return { kind, ...o };
    case 'ramp':
      return {
        kind,
        startPace: o.startPace,
        endPace: o.startPace * o.factor ** (o.steps - 1),
        seconds: o.steps * o.holdSeconds,
        windowSeconds: o.holdSeconds,
      };
    case 'spike':
      return {
        kind,
        basePace: o.startPace,
        spikePace: o.startPace * o.factor,
        periodSeconds: o.holdSeconds,
        spikeSeconds: Math.max(1, Math.round(o.holdSeconds / 4)),
        cycles: o.steps,
      };
    default:
      throw new Error(`--profile: expected step, ramp or spike, got "${kind}"`);
  }
}
