import { parse } from 'yaml';
import { parseSweepFile } from './sweep-file';
import { resolveSpec } from './sweep-spec';

const FILE = '/sweeps/s.yaml';

describe('parseSweepFile', () => {
  it('reads the scenario, scale, seeds and params in the order written', () => {
    const file = parseSweepFile(
      parse(`
scenario: default
scale: 0.05
seeds: 6
params:
  payments.commissionRate: [0.02, 0.1]
  shops.workshopsInvited: "2:8:3"
`),
      FILE,
    );
    expect(file).toEqual({
      scenario: 'default',
      scale: 0.05,
      seeds: [1, 2, 3, 4, 5, 6],
      params: [
        { path: 'payments.commissionRate', values: [0.02, 0.1] },
        { path: 'shops.workshopsInvited', values: [2, 5, 8] },
      ],
    });
  });

  it('finds a scenario given by path beside the sweep file', () => {
    expect(parseSweepFile({ scenario: '../worlds/w.yaml' }, FILE).scenario).toBe('/worlds/w.yaml');
  });

  it('names every bad field', () => {
    const bad = () =>
      parseSweepFile({ scenario: 3, scale: -1, params: { 'shops.count': ['x'] }, seed: 5 }, FILE);
    expect(bad).toThrow(/\/sweeps\/s.yaml: invalid sweep file/);
    expect(bad).toThrow(/scenario: expected a scenario name/);
    expect(bad).toThrow(/scale: expected a number > 0/);
    expect(bad).toThrow(/params\.shops\.count/);
    expect(bad).toThrow(/seed: unknown field/);
  });

  it('holds a sweep file to at least five seeds too', () => {
    expect(() => parseSweepFile({ scenario: 'default', seeds: [1, 2, 3] }, FILE)).toThrow(
      /s.yaml: seeds: expected from 5/,
    );
  });
});

describe('resolveSpec', () => {
  const file = parseSweepFile(
    { scenario: 'default', scale: 0.05, seeds: 6, params: { 'payments.commissionRate': [0.1] } },
    FILE,
  );

  it("lets a flag given on the command line win over the file's field", () => {
    const spec = resolveSpec(
      { param: ['payments.commissionRate=0.2,0.3', 'shops.count=10'], scale: '0.02' },
      file,
    );
    expect(spec.scale).toBe(0.02);
    expect(spec.seeds).toHaveLength(6);
    expect(spec.params).toEqual([
      { path: 'payments.commissionRate', values: [0.2, 0.3] },
      { path: 'shops.count', values: [10] },
    ]);
  });

  it('defaults to the default scenario at a tenth of its size with five seeds', () => {
    const spec = resolveSpec({ param: [] });
    expect([spec.scenario, spec.scale, spec.seeds]).toEqual(['default', 0.1, [1, 2, 3, 4, 5]]);
    expect(spec.workers).toBeGreaterThanOrEqual(1);
  });

  it('refuses --seeds with --seed-list, a path given twice and a bad worker count', () => {
    expect(() => resolveSpec({ param: [], seeds: '5', seedList: '1,2,3,4,5' })).toThrow(
      /give one or the other/,
    );
    expect(() => resolveSpec({ param: ['a=1', 'a=2'] })).toThrow(/--param a: given twice/);
    expect(() => resolveSpec({ param: [], workers: '0' })).toThrow(/--workers/);
  });
});
