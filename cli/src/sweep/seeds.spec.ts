import { MIN_SEEDS, parseSeedCount, parseSeedList } from './seeds';
import { SweepUsageError } from './sweep-usage-error';

describe('seeds', () => {
  it('counts seeds from 1', () => {
    expect(parseSeedCount('5')).toEqual([1, 2, 3, 4, 5]);
  });

  it(`refuses fewer than ${MIN_SEEDS} seeds, either way they are given`, () => {
    expect(() => parseSeedCount('4')).toThrow(SweepUsageError);
    expect(() => parseSeedCount('4')).toThrow(/--seeds: expected a whole number of seeds from 5/);
    expect(() => parseSeedList('1,2,3,4')).toThrow(/--seed-list: expected from 5 .* got 4/);
  });

  it('rejects a seed count or seed that is not a whole number', () => {
    expect(() => parseSeedCount('5.5')).toThrow(/got "5.5"/);
    expect(() => parseSeedList('1,2,x,4,5')).toThrow(/"x" is not an integer seed/);
  });

  it('sorts a seed list and refuses a seed twice (it would count one run as two)', () => {
    expect(parseSeedList('9, 3,7,1,5')).toEqual([1, 3, 5, 7, 9]);
    expect(() => parseSeedList('1,2,3,4,4')).toThrow(/seed 4 is listed twice/);
  });
});
