import { Aggregation, Measure, Stats, TagMap, View } from '../../src';
import type { SumData } from '../../src';

// Issue: option objects were not validated. `new Stats({ warn: 5 })` was
// accepted and then dropped every warning, `{ now: 5 }` failed only later,
// `null` failed with "Cannot read properties of null", unknown keys such as
// `{ maxRows: 5 }` were ignored. Now each is a TypeError at construction that
// names the option.
describe('Stats options', () => {
  it.each([
    ['warn not a function', { warn: 5 }, 'Stats: option warn must be a function, got 5'],
    ['now not a function', { now: 5 }, 'Stats: option now must be a function, got 5'],
    ['null', null, 'Stats: options must be an object, got null'],
    ['a number', 7, 'Stats: options must be an object, got 7'],
    ['an unknown key', { maxRows: 5 }, 'Stats: unknown option "maxRows" (known: maxRowsPerView, reportingPeriodMs, exportTimeoutMs, now, warn)'],
    ['maxRowsPerView 0', { maxRowsPerView: 0 }, 'Stats: option maxRowsPerView must be an integer from 1 to 9007199254740991, got 0'],
    ['maxRowsPerView a string', { maxRowsPerView: '5' }, 'Stats: option maxRowsPerView must be an integer from 1 to 9007199254740991, got "5"'],
    ['reportingPeriodMs a string', { reportingPeriodMs: '10' }, 'Stats: option reportingPeriodMs must be a number, got "10"'],
    ['exportTimeoutMs 0', { exportTimeoutMs: 0 }, 'Stats: option exportTimeoutMs must be an integer from 1 to 2147483647, got 0'],
  ])('rejects %s', (_what, options, message) => {
    expect(() => new Stats(options as never)).toThrow(new TypeError(message));
  });

  it('accepts undefined, {} and every known option', () => {
    expect(() => new Stats()).not.toThrow();
    expect(() => new Stats(undefined)).not.toThrow();
    expect(() => new Stats({ maxRowsPerView: 5, reportingPeriodMs: 100, exportTimeoutMs: 50, now: Date.now, warn: () => {} })).not.toThrow();
  });
});

describe('record of a hand-built int64 measurement', () => {
  it('truncates the value as m() does', () => {
    const measure = Measure.int64('test/regression/hand-built', 'items', '1');
    const stats = new Stats();
    stats.registerView(new View({ name: 'sum', measure, aggregation: Aggregation.sum() }));
    stats.record({ measure, value: 1.5 }, TagMap.EMPTY);
    stats.record([{ measure, value: -2.7 }], TagMap.EMPTY);
    expect(stats.retrieveData('sum')[0].data).toEqual({ type: 'sum', value: -1 });
  });
});

describe('a float sum that overflows', () => {
  const measure = Measure.float64('test/regression/overflowing-sum', 'huge', '1');

  it('reports ±Infinity, sticky, and counts each overflowed row once', () => {
    const stats = new Stats();
    stats.registerView(
      new View({ name: 'sum', measure, aggregation: Aggregation.sum(), tagKeys: ['k'] }),
      new View({ name: 'dist', measure, aggregation: Aggregation.distribution([1]) }),
    );
    const up = TagMap.from({ k: 'up' });
    const down = TagMap.from({ k: 'down' });
    for (let i = 0; i < 3; i++) stats.recordValue(measure, 1e308, up);
    stats.recordValue(measure, -1e308, up); // cannot bring it back (nor make NaN)
    for (let i = 0; i < 3; i++) stats.recordValue(measure, -1e308, down);
    const sums = Object.fromEntries(stats.retrieveData('sum').map((r) => [r.tags.k, (r.data as SumData).value]));
    expect(sums).toEqual({ up: Infinity, down: -Infinity });
    // 2 Sum rows + the distribution's one row (its sum went +Inf first, then stays)
    expect(stats.diagnostics.get('sumOverflows')).toBe(3);
    expect(stats.retrieveData('dist')[0].data).toMatchObject({ count: 7, sum: Infinity });
  });
});
