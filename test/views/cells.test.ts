import { Aggregation, Measure, Stats, TagMap, View } from '../../src';
import type { AggregationData } from '../../src';

const intMeasure = Measure.int64('test/cells/int', 'int values', '1');
const floatMeasure = Measure.float64('test/cells/float', 'float values', 'ms');

/** Records `values` into a fresh view and returns its single row's data (undefined when no row). */
function aggregate(aggregation: Aggregation, measure: Measure, values: number[]): AggregationData | undefined {
  const stats = new Stats();
  const view = new View({ name: 'v', measure, aggregation });
  stats.registerView(view);
  for (const v of values) stats.record(measure.m(v), TagMap.EMPTY);
  const rows = stats.retrieveData(view);
  expect(rows.length).toBeLessThanOrEqual(1);
  return rows[0]?.data;
}

// Per aggregation: what a sequence of values yields, on each measure type.
describe.each([
  {
    name: 'count',
    aggregation: Aggregation.count(),
    cases: [
      ['one value', [5], { type: 'count', value: 1 }],
      ['values are ignored, zeros and negatives included', [0, -3, 1e9], { type: 'count', value: 3 }],
      ['fractions on an int64 measure still count', [0.2, 0.7], { type: 'count', value: 2 }],
    ],
  },
  {
    name: 'sum',
    aggregation: Aggregation.sum(),
    cases: [
      ['positives', [1, 2, 3], { type: 'sum', value: 6 }],
      ['negatives cancel', [5, -5, -2], { type: 'sum', value: -2 }],
      ['int64 truncates each value before summing', [1.9, 1.9, -0.5], { type: 'sum', value: 2 }],
      ['a zero', [0], { type: 'sum', value: 0 }],
    ],
  },
  {
    name: 'lastValue',
    aggregation: Aggregation.lastValue(),
    cases: [
      ['the last value wins, not the largest', [3, 9, 4], { type: 'lastValue', value: 4 }],
      ['a negative last value', [1, -7], { type: 'lastValue', value: -7 }],
      ['a zero last value', [8, 0], { type: 'lastValue', value: 0 }],
    ],
  },
] as const)('$name aggregation', ({ aggregation, cases }) => {
  it.each(cases)('int64: %s', (_what, values, expected) => {
    expect(aggregate(aggregation, intMeasure, [...values])).toEqual(expected);
  });

  it('float64 keeps fractions', () => {
    const data = aggregate(aggregation, floatMeasure, [0.5, 0.25]);
    const expected = { count: 2, sum: 0.75, lastValue: 0.25 }[aggregation.type as 'count' | 'sum' | 'lastValue'];
    expect(data).toEqual({ type: aggregation.type, value: expected });
  });

  it('creates no row until something is recorded', () => {
    expect(aggregate(aggregation, intMeasure, [])).toBeUndefined();
  });

  it('a rejected value leaves the row untouched', () => {
    expect(aggregate(aggregation, floatMeasure, [NaN, Infinity])).toBeUndefined();
  });
});

it('an int64 sum stays exact up to 2^53', () => {
  expect(aggregate(Aggregation.sum(), intMeasure, [2 ** 52, 2 ** 52 - 1, 1])).toEqual({ type: 'sum', value: 2 ** 53 });
});
