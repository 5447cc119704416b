import { simMsPerWallMs } from './clock-keeper';

describe('simMsPerWallMs', () => {
  it('reads two simulated hours per wall second as 7,200 simulated ms per wall ms', () => {
    expect(simMsPerWallMs(2)).toBe(7_200);
  });

  it('reads a quarter of a simulated hour per wall second as 900 simulated ms per wall ms', () => {
    expect(simMsPerWallMs(0.25)).toBe(900);
  });

  it('reads max as no limit at all', () => {
    expect(simMsPerWallMs('max')).toBe(Infinity);
  });
});
