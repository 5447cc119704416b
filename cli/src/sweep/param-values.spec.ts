import { expandRange, mergeParams, parseParamFlag, parseValues } from './param-values';
import { SweepUsageError } from './sweep-usage-error';

describe('parseParamFlag', () => {
  it('reads a path and a list of values', () => {
    expect(parseParamFlag('payments.commissionRate=0.02,0.05,0.1')).toEqual({
      path: 'payments.commissionRate',
      values: [0.02, 0.05, 0.1],
    });
  });

  it('expands a range from:to:step with both ends, free of binary noise', () => {
    expect(parseParamFlag('payments.commissionRate=0.02:0.2:0.06').values).toEqual([
      0.02, 0.08, 0.14, 0.2,
    ]);
    expect(parseValues('3:12:3', 'x')).toEqual([3, 6, 9, 12]);
  });

  it('stops a range at the last step below its end', () => {
    expect(expandRange('1:10:4', 'x')).toEqual([1, 5, 9]);
  });

  it('mixes numbers and ranges in the order given', () => {
    expect(parseValues('1, 2:4:1, 10', 'x')).toEqual([1, 2, 3, 4, 10]);
  });

  it('rejects a value that is not a number, naming the path and the value', () => {
    expect(() => parseParamFlag('payments.commissionRate=0.02,abc')).toThrow(
      /--param payments.commissionRate: "abc" is not a number/,
    );
    expect(() => parseParamFlag('payments.commissionRate=')).toThrow(/"" is not a number/);
  });

  it('rejects a flag without path=values', () => {
    expect(() => parseParamFlag('payments.commissionRate')).toThrow(SweepUsageError);
    expect(() => parseParamFlag('=1,2')).toThrow(/expected path=values/);
  });

  it('rejects a range with no step forward, backwards or with too many values', () => {
    expect(() => parseValues('1:2:0', 'x')).toThrow(/step must be > 0/);
    expect(() => parseValues('2:1:0.5', 'x')).toThrow(/from ≤ to/);
    expect(() => parseValues('0:1:0.0001', 'x')).toThrow(/makes 10001 values/);
    expect(() => parseValues('1:2', 'x')).toThrow(/not a range from:to:step/);
  });

  it('rejects a value listed twice', () => {
    expect(() => parseValues('2,1:3:1', 'x')).toThrow(/2 is listed twice/);
  });
});

describe('mergeParams', () => {
  it("replaces a file's path with the flag's values and keeps the file's order", () => {
    const file = [
      { path: 'a', values: [1] },
      { path: 'b', values: [2] },
    ];
    expect(
      mergeParams(file, [
        { path: 'a', values: [9] },
        { path: 'c', values: [3] },
      ]),
    ).toEqual([
      { path: 'a', values: [9] },
      { path: 'b', values: [2] },
      { path: 'c', values: [3] },
    ]);
  });
});
