import { Aggregation } from '../../src';

describe('Aggregation.distribution bounds', () => {
  it.each([
    ['a negative bound', [1, -2, 3], /bound #1 is negative \(-2\)/],
    ['NaN', [1, NaN], /bound #1 is NaN/],
    ['Infinity', [1, 2, Infinity], /bound #2 is Infinity/],
    ['-Infinity', [-Infinity], /bound #0 is -Infinity/],
    ['a repeated bound', [1, 2, 2], /bound #2 \(2\) is not greater than the one before it \(2\)/],
    ['a decreasing bound', [5, 1], /bound #1 \(1\) is not greater/],
    ['a string', [1, '2'], /bound #1 is "2"/],
  ])('rejects %s with a RangeError naming its index', (_what, bounds, message) => {
    expect(() => Aggregation.distribution(bounds as number[])).toThrow(RangeError);
    expect(() => Aggregation.distribution(bounds as number[])).toThrow(message);
  });

  it.each([[undefined], [null], [3], ['1,2']])('rejects bounds that are not an array (%p) with a TypeError', (bounds) => {
    expect(() => Aggregation.distribution(bounds as unknown as number[])).toThrow(TypeError);
  });

  it.each([
    ['a leading 0 (the spec lists one)', [0, 1, 2], [1, 2]],
    ['several zeros', [0, 0, 5], [5]],
    ['-0', [-0, 1], [1]],
    ['no bounds at all', [], []],
    ['fractional bounds', [0.01, 0.05, 0.1], [0.01, 0.05, 0.1]],
  ])('accepts %s, dropping zeros', (_what, bounds, kept) => {
    expect(Aggregation.distribution(bounds).bounds).toEqual(kept);
  });

  it("copies the caller's array and never changes it", () => {
    const bounds = [0, 1, 2];
    const agg = Aggregation.distribution(bounds);
    expect(bounds).toEqual([0, 1, 2]);
    bounds.push(3);
    expect(agg.bounds).toEqual([1, 2]);
    expect(Object.isFrozen(agg.bounds)).toBe(true);
  });

  it('percentiles are off unless asked for', () => {
    expect(Aggregation.distribution([1]).percentiles).toBe(false);
    expect(Aggregation.distribution([1], { percentiles: true }).percentiles).toBe(true);
  });
});

describe('Aggregation identity and equality', () => {
  it('count, sum and lastValue are singletons of their type', () => {
    expect(Aggregation.count()).toBe(Aggregation.count());
    expect([Aggregation.count().type, Aggregation.sum().type, Aggregation.lastValue().type]).toEqual(['count', 'sum', 'lastValue']);
  });

  it.each([
    ['two distributions with equal bounds', Aggregation.distribution([1, 2]), Aggregation.distribution([0, 1, 2]), true],
    ['different bounds', Aggregation.distribution([1, 2]), Aggregation.distribution([1, 3]), false],
    ['a bound more', Aggregation.distribution([1, 2]), Aggregation.distribution([1, 2, 3]), false],
    ['percentiles on vs off', Aggregation.distribution([1]), Aggregation.distribution([1], { percentiles: true }), false],
    ['count vs sum', Aggregation.count(), Aggregation.sum(), false],
    ['sum vs lastValue', Aggregation.sum(), Aggregation.lastValue(), false],
    ['lastValue vs lastValue', Aggregation.lastValue(), Aggregation.lastValue(), true],
    ['empty distribution vs count', Aggregation.distribution([]), Aggregation.count(), false],
    ['upper-inclusive vs OpenCensus buckets', Aggregation.distribution([1, 2], { upperInclusive: true }), Aggregation.distribution([1, 2]), false],
    ['two upper-inclusive distributions', Aggregation.distribution([0, 1], { upperInclusive: true }), Aggregation.distribution([-0, 1], { upperInclusive: true }), true],
  ])('equals: %s', (_what, a, b, expected) => {
    expect(a.equals(b)).toBe(expected);
    expect(b.equals(a)).toBe(expected);
  });

  it('describes itself', () => {
    expect(String(Aggregation.distribution([1, 2], { percentiles: true }))).toBe('distribution([1, 2], { percentiles: true })');
    expect(String(Aggregation.count())).toBe('count()');
    expect(String(Aggregation.distribution([0, 1], { upperInclusive: true }))).toBe('distribution([0, 1], { upperInclusive: true })');
    expect(String(Aggregation.distribution([1], { percentiles: true, upperInclusive: true }))).toBe(
      'distribution([1], { percentiles: true, upperInclusive: true })',
    );
  });
});

describe('Aggregation.distribution with upperInclusive (OpenTelemetry, gRFC A66)', () => {
  it('keeps 0 and negative bounds', () => {
    const agg = Aggregation.distribution([-5, 0, 0.00001, 1], { upperInclusive: true });
    expect(agg.bounds).toEqual([-5, 0, 0.00001, 1]);
    expect(agg.upperInclusive).toBe(true);
  });

  it('keeps a -0 bound as 0', () => {
    expect(Object.is(Aggregation.distribution([-0, 1], { upperInclusive: true }).bounds[0], 0)).toBe(true);
  });

  it.each([
    ['a repeated bound', [0, 1, 1], /bound #2 \(1\) is not greater than the one before it \(1\)/],
    ['0 after -0', [-0, 0], /bound #1 \(0\) is not greater/],
    ['a decreasing bound', [0, -1], /bound #1 \(-1\) is not greater/],
    ['NaN', [0, NaN], /bound #1 is NaN/],
    ['Infinity', [0, Infinity], /bound #1 is Infinity/],
  ])('still rejects %s with a RangeError', (_what, bounds, message) => {
    expect(() => Aggregation.distribution(bounds, { upperInclusive: true })).toThrow(message);
    expect(() => Aggregation.distribution(bounds, { upperInclusive: true })).toThrow(RangeError);
  });

  it('is off by default: OpenCensus buckets, zeros dropped', () => {
    const agg = Aggregation.distribution([0, 1]);
    expect([agg.upperInclusive, agg.bounds]).toEqual([false, [1]]);
  });
});

describe('Aggregation.distribution options', () => {
  it.each([
    ['null', null, /Aggregation\.distribution: options must be an object, got null/],
    ['a number', 5, /options must be an object/],
    ['an array', [], /options must be an object/],
    ['an unknown key', { percentile: true }, /Aggregation\.distribution: unknown option "percentile" \(known: percentiles, upperInclusive\)/],
    ['a non-boolean percentiles', { percentiles: 1 }, /Aggregation\.distribution: option percentiles must be a boolean, got 1/],
    ['a non-boolean upperInclusive', { upperInclusive: 'yes' }, /Aggregation\.distribution: option upperInclusive must be a boolean/],
  ])('rejects %s with a TypeError naming the option', (_what, options, message) => {
    expect(() => Aggregation.distribution([1], options as never)).toThrow(TypeError);
    expect(() => Aggregation.distribution([1], options as never)).toThrow(message);
  });

  it('accepts undefined and an empty object', () => {
    expect(Aggregation.distribution([1], undefined).equals(Aggregation.distribution([1], {}))).toBe(true);
  });
});
