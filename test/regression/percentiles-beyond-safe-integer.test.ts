import { distributionOf, floatMeasure, intMeasure } from '../views/distribution-of';

// Bug: hdr-histogram-js silently loses values above 2^53 − 1. A float64 value
// over ~9e12 (scaled by 1000) or an int64 value over 2^53 vanished from the
// percentile histogram, and the percentiles that fell on it read 0 (then
// clamped to min): p99 of [1, 2, 1e13] was 1. Such values are now recorded at
// the cap, so percentiles stay ordered and near the top of the data.
describe('percentiles with values beyond what HDR can hold', () => {
  it.each([
    ['float64', floatMeasure, [1, 2, 1e13], 9.007e12],
    ['float64, an absurd value first', floatMeasure, [1e300, 1, 2], 9.007e12],
    ['int64', intMeasure, [1, 2, 2 ** 60], 9.007e15],
  ] as const)('%s: the top percentiles stay at the top', (_what, measure, values, atLeast) => {
    const data = distributionOf([1], values, measure, true);
    expect(data.percentiles!['50']).toBe(2);
    for (const p of ['90', '99', '99.9']) expect(data.percentiles![p]).toBeGreaterThanOrEqual(atLeast);
    expect(data.max).toBe(Math.max(...values));
  });

  it('normal values recorded after a huge one are unaffected', () => {
    const values = [1e300, ...Array.from({ length: 999 }, (_, i) => i + 1)];
    const data = distributionOf([1], values, intMeasure, true);
    expect(data.percentiles!['50']).toBe(500);
    expect(data.percentiles!['90']).toBe(900);
  });
});
