import { expandGrid, jobKeys, pointLabel } from './grid';

describe('expandGrid', () => {
  it('makes the cartesian product with the first parameter changing slowest', () => {
    const grid = expandGrid([
      { path: 'a', values: [1, 2] },
      { path: 'b', values: [10, 20, 30] },
    ]);
    expect(grid.map((p) => [p.values.a, p.values.b])).toEqual([
      [1, 10],
      [1, 20],
      [1, 30],
      [2, 10],
      [2, 20],
      [2, 30],
    ]);
    expect(grid.map((p) => p.index)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(Object.keys(grid[0]?.values ?? {})).toEqual(['a', 'b']);
  });

  it('has one point, the scenario as it is, when nothing is swept', () => {
    const grid = expandGrid([]);
    expect(grid).toEqual([{ index: 0, values: {} }]);
    expect(pointLabel(grid[0] ?? { index: 0, values: {} })).toBe('(the scenario as it is)');
  });
});

describe('jobKeys', () => {
  it('runs every seed at every point, point by point', () => {
    expect(jobKeys(2, [3, 7]).map((k) => [k.index, k.point, k.seed])).toEqual([
      [0, 0, 3],
      [1, 0, 7],
      [2, 1, 3],
      [3, 1, 7],
    ]);
  });
});
