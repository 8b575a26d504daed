import { distributionOf, intMeasure, uniform } from './distribution-of';

describe('distribution buckets: [lo, hi), a value on a bound goes up (opencensus-go)', () => {
  const bounds = [1, 2, 4];
  it.each([
    ['a negative value', -1, 0],
    ['zero', 0, 0],
    ['just below the first bound', 0.999, 0],
    ['exactly the first bound', 1, 1],
    ['between bounds', 1.5, 1],
    ['exactly a middle bound', 2, 2],
    ['just below the last bound', 3.999, 2],
    ['exactly the last bound', 4, 3],
    ['far above the last bound', 1e12, 3],
    ['the most negative number', -Number.MAX_VALUE, 0],
  ])('%s (%p) lands in bucket %p', (_what, value, bucket) => {
    const expected = [0, 0, 0, 0];
    expected[bucket] = 1;
    expect(distributionOf(bounds, [value]).bucketCounts).toEqual(expected);
  });

  it('boundCounts[i] counts exactly the values equal to bounds[i]', () => {
    const data = distributionOf(bounds, [1, 1, 1.0000001, 2, 3, 4, 4, 4, 0.5]);
    expect(data.bucketCounts).toEqual([1, 3, 2, 3]);
    expect(data.boundCounts).toEqual([2, 1, 3]);
    // Prometheus le = Σ bucketCounts[0..i] + boundCounts[i]: values ≤ 1, ≤ 2, ≤ 4
    expect([1 + 2, 1 + 3 + 1, 1 + 3 + 2 + 3]).toEqual([3, 5, 9]);
  });

  it('boundCounts is all zeros when no value sits on a bound', () => {
    expect(distributionOf(bounds, [0.5, 3]).boundCounts).toEqual([0, 0, 0]);
  });

  it('with no bounds everything lands in one bucket', () => {
    const data = distributionOf([], [-5, 0, 5]);
    expect([data.bucketCounts, data.boundCounts, data.bucketBounds]).toEqual([[3], [], []]);
  });

  it('reports the bounds after zeros were dropped', () => {
    const data = distributionOf([0, 10], [0, 10]);
    expect([data.bucketBounds, data.bucketCounts, data.boundCounts]).toEqual([[10], [1, 1], [1]]);
  });
});

describe('distribution moments', () => {
  it('count, sum, mean, min, max and sum of squared deviation of a small set', () => {
    expect(distributionOf([10], [2, 4, 4, 4, 5, 5, 7, 9])).toEqual({
      type: 'distribution',
      count: 8,
      sum: 40,
      mean: 5,
      min: 2,
      max: 9,
      sumOfSquaredDeviation: 32,
      bucketBounds: [10],
      bucketCounts: [8, 0],
      boundCounts: [0],
      upperInclusive: false,
    });
  });

  it('all-negative data has a negative max (opencensus-go reports 5e-324)', () => {
    const data = distributionOf([1], [-3, -1.5, -7]);
    expect([data.min, data.max, data.sum]).toEqual([-7, -1.5, -11.5]);
    expect(data.mean).toBeCloseTo(-11.5 / 3, 12);
  });

  it('all-positive data has a positive min (not 0)', () => {
    const data = distributionOf([1], [3, 8]);
    expect([data.min, data.max]).toEqual([3, 8]);
  });

  it('a single value has zero deviation', () => {
    const data = distributionOf([1], [42.5]);
    expect([data.count, data.mean, data.min, data.max, data.sumOfSquaredDeviation]).toEqual([1, 42.5, 42.5, 42.5, 0]);
  });

  it('int64 values are truncated before they are aggregated', () => {
    const data = distributionOf([2], [1.9, 2.9, -1.9], intMeasure);
    expect([data.sum, data.min, data.max, data.bucketCounts, data.boundCounts]).toEqual([2, -1, 2, [2, 1], [1]]);
  });

  it('has no percentiles without the option', () => {
    expect(distributionOf([1], [1, 2, 3])).not.toHaveProperty('percentiles');
  });
});

describe("Welford's sum of squared deviation", () => {
  it('matches the two-pass value on 1e6 values at an offset of 1e9, where the naive one-pass formula fails', () => {
    const N = 1_000_000;
    const OFFSET = 1e9;
    const next = uniform(42);
    const values = new Float64Array(N);
    for (let i = 0; i < N; i++) values[i] = OFFSET + next();

    // Reference: two passes over the noise (v − 1e9 is exact for these doubles).
    let noiseSum = 0;
    for (const v of values) noiseSum += v - OFFSET;
    const noiseMean = noiseSum / N;
    let twoPass = 0;
    for (const v of values) twoPass += (v - OFFSET - noiseMean) ** 2;

    // The naive one-pass formula Σv² − (Σv)²/n loses everything to cancellation here.
    let s = 0;
    let s2 = 0;
    for (const v of values) {
      s += v;
      s2 += v * v;
    }
    const naive = s2 - (s * s) / N;
    expect(Math.abs(naive - twoPass) / twoPass).toBeGreaterThan(0.5);

    const data = distributionOf([OFFSET], values);
    expect(data.count).toBe(N);
    expect(Math.abs(data.sumOfSquaredDeviation - twoPass) / twoPass).toBeLessThan(1e-6);
    expect(Math.abs(data.mean - (OFFSET + noiseMean)) / OFFSET).toBeLessThan(1e-12);
    expect([data.min, data.max]).toEqual([values.reduce((m, v) => Math.min(m, v), Infinity), values.reduce((m, v) => Math.max(m, v), -Infinity)]);
    expect(data.bucketCounts).toEqual([0, N]);
    expect(data.boundCounts).toEqual([values.filter((v) => v === OFFSET).length]);
  });
});
