import {
  paceAt,
  parseProfile,
  profileSeconds,
  profileWindows,
  type LoadProfile,
} from './load-profile';

describe('load profiles: the pace they ask for over wall time', () => {
  const step: LoadProfile = { kind: 'step', startPace: 0.1, factor: 2, steps: 3, holdSeconds: 10 };

  it('a step profile holds each pace for its hold, then multiplies it', () => {
    expect([0, 9.99, 10, 19.99, 20, 29.99].map((t) => paceAt(step, t))).toEqual([
      0.1, 0.1, 0.2, 0.2, 0.4, 0.4,
    ]);
    expect(paceAt(step, 30)).toBeNull();
    expect(paceAt(step, -1)).toBeNull();
    expect(profileWindows(step).map((w) => [w.fromSeconds, w.toSeconds, w.pace])).toEqual([
      [0, 10, 0.1],
      [10, 20, 0.2],
      [20, 30, 0.4],
    ]);
  });

  it('a ramp rises linearly, and each window asks for its mean', () => {
    const ramp: LoadProfile = {
      kind: 'ramp',
      startPace: 1,
      endPace: 3,
      seconds: 40,
      windowSeconds: 10,
    };
    expect(paceAt(ramp, 0)).toBe(1);
    expect(paceAt(ramp, 20)).toBe(2);
    expect(paceAt(ramp, 30)).toBe(2.5);
    expect(profileWindows(ramp).map((w) => w.pace)).toEqual([1.25, 1.75, 2.25, 2.75]);
  });

  it('a spike holds the base and jumps for the end of every period', () => {
    const spike: LoadProfile = {
      kind: 'spike',
      basePace: 1,
      spikePace: 5,
      periodSeconds: 20,
      spikeSeconds: 5,
      cycles: 2,
    };
    const rates = Array.from({ length: 40 }, (_, t) => paceAt(spike, t));
    expect(rates.filter((r) => r === 5)).toHaveLength(10);
    expect(rates.slice(14, 16)).toEqual([1, 5]);
    expect(rates.slice(19, 21)).toEqual([5, 1]);
    // (15 s × 1 + 5 s × 5) / 20 s
    expect(profileWindows(spike).map((w) => w.pace)).toEqual([2, 2]);
    expect(profileSeconds(spike)).toBe(40);
  });

  it('the offered simulated hours are the integral of the pace', () => {
    const ramp = parseProfile('ramp', { startPace: 0.5, factor: 1.5, steps: 4, holdSeconds: 15 });
    let hours = 0;
    for (let t = 0; t < profileSeconds(ramp); t += 0.01) hours += (paceAt(ramp, t) ?? 0) * 0.01;
    const windows = profileWindows(ramp).reduce(
      (h, w) => h + w.pace * (w.toSeconds - w.fromSeconds),
      0,
    );
    expect(hours).toBeCloseTo(windows, 1);
  });

  it('reads flags into a profile, and names a wrong one', () => {
    const flags = { startPace: 0.05, factor: 1.5, steps: 6, holdSeconds: 20 };
    expect(parseProfile('step', flags)).toEqual({ kind: 'step', ...flags });
    expect(parseProfile('ramp', flags)).toMatchObject({ endPace: 0.05 * 1.5 ** 5, seconds: 120 });
    expect(parseProfile('spike', flags)).toMatchObject({
      basePace: 0.05,
      spikePace: 0.05 * 1.5,
      spikeSeconds: 5,
    });
    expect(() => parseProfile('sine', flags)).toThrow(
      '--profile: expected step, ramp or spike, got "sine"',
    );
    expect(() => parseProfile('step', { ...flags, factor: 1 })).toThrow('--factor');
    expect(() => parseProfile('step', { ...flags, holdSeconds: 0 })).toThrow('--hold');
    expect(() => parseProfile('step', { ...flags, steps: 2.5 })).toThrow('--steps');
  });
});
