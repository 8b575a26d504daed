import { quantileFromBuckets } from '../../../src/exporters/rpcz/percentiles';

// Buckets as the views keep them: bucket i = [bounds[i-1], bounds[i]), bucket 0
// from 0, the last one unbounded above.
const bounds = [1, 2, 5, 10];

describe('quantileFromBuckets: linear interpolation inside the bucket where the rank falls', () => {
  it.each([
    ['all in [1, 2): the median is the middle of the bucket', [0, 10, 0, 0, 0], 0.5, 1.5],
    ['all in [1, 2): p90 is 90% of the way', [0, 10, 0, 0, 0], 0.9, 1.9],
    ['all in [1, 2): p99', [0, 10, 0, 0, 0], 0.99, 1.99],
    ['first bucket starts at 0', [4, 0, 0, 0, 0], 0.5, 0.5],
    ['half in [0,1), half in [5,10): the median is the top of the lower half', [5, 0, 0, 5, 0], 0.5, 1],
    ['rank 60% of 10 falls 1 of 5 into [5,10)', [5, 0, 0, 5, 0], 0.6, 6],
    ['empty buckets below are skipped', [0, 0, 10, 0, 0], 0.5, 3.5],
    ['a rank in the unbounded last bucket answers the last bound', [0, 0, 0, 0, 3], 0.5, 10],
    ['p99 of 100 calls with one slow one stays in the fast bucket', [0, 99, 0, 0, 1], 0.99, 2],
  ])('%s', (_name, counts, q, expected) => {
    expect(quantileFromBuckets(bounds, counts, q)).toBeCloseTo(expected, 10);
  });

  it('has no answer without counts', () => {
    expect(quantileFromBuckets(bounds, [0, 0, 0, 0, 0], 0.5)).toBeUndefined();
  });

  it('never leaves the bucket that holds the rank (property over every bucket and quantile)', () => {
    for (let b = 0; b < bounds.length; b++) {
      const counts = bounds.map(() => 0).concat(0);
      counts[b] = 7;
      for (const q of [0.01, 0.5, 0.9, 0.99, 1]) {
        const v = quantileFromBuckets(bounds, counts, q)!;
        expect(v).toBeGreaterThanOrEqual(b === 0 ? 0 : bounds[b - 1]);
        expect(v).toBeLessThanOrEqual(bounds[b]);
      }
    }
  });
});
