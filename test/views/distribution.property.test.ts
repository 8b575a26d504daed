import { fc } from '../support/fast-check';
import { distributionOf, intMeasure } from './distribution-of';

// Bounds as users write them: strictly increasing positives (zeros allowed, and dropped);
// integer bounds make values land exactly on them.
const bounds = fc
  .uniqueArray(fc.oneof(fc.double({ min: 0, max: 1e6, noNaN: true }), fc.integer({ min: 0, max: 1000 })), { maxLength: 12 })
  .map((xs) => xs.sort((a, b) => a - b));
const values = fc.array(
  fc.oneof(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.integer({ min: -10, max: 1000 }), fc.constantFrom(0, -0, 1, 2, 1000)),
  { minLength: 1, maxLength: 200 },
);

describe('distribution properties', () => {
  it('buckets partition the values exactly as [lo, hi), with exact bound counts', () => {
    fc.assert(
      fc.property(bounds, values, (rawBounds, vs) => {
        const data = distributionOf(rawBounds, vs);
        const b = rawBounds.filter((x) => x !== 0);
        expect(data.bucketBounds).toEqual(b);
        const expected = b.map((hi, i) => vs.filter((v) => (i === 0 || v >= b[i - 1]) && v < hi).length);
        expected.push(vs.filter((v) => b.length === 0 || v >= b[b.length - 1]).length);
        expect(data.bucketCounts).toEqual(expected);
        expect(data.boundCounts).toEqual(b.map((x) => vs.filter((v) => v === x).length));
        expect(data.bucketCounts.reduce((s, c) => s + c, 0)).toBe(data.count);
      }),
      { numRuns: 500 },
    );
  });

  it('count, sum, mean, min and max agree with the values', () => {
    fc.assert(
      fc.property(values, (vs) => {
        const data = distributionOf([1, 10, 100], vs);
        const sum = vs.reduce((s, v) => s + v, 0);
        const scale = vs.reduce((s, v) => s + Math.abs(v), 0) + 1;
        expect(data.count).toBe(vs.length);
        expect(Math.abs(data.sum - sum)).toBeLessThanOrEqual(1e-9 * scale);
        expect(Math.abs(data.mean - sum / vs.length)).toBeLessThanOrEqual(1e-9 * scale);
        // -0 is recorded as 0, so the extremes never depend on which zero came first.
        expect(data.min).toBe(Math.min(...vs) + 0);
        expect(data.max).toBe(Math.max(...vs) + 0);
        const mean = sum / vs.length;
        const ssd = vs.reduce((s, v) => s + (v - mean) ** 2, 0);
        expect(Math.abs(data.sumOfSquaredDeviation - ssd)).toBeLessThanOrEqual(1e-7 * (ssd + scale * scale * 1e-6) + 1e-9);
        expect(data.sumOfSquaredDeviation).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 500 },
    );
  });

  it('signed zeros: min, max and the sum are +0 in any order', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(0, -0), { minLength: 1, maxLength: 8 }), (vs) => {
        const data = distributionOf([1], vs);
        expect([data.min, data.max, data.sum, data.mean]).toEqual([0, 0, 0, 0]);
        expect([data.min, data.max, data.sum].every((x) => Object.is(x, 0))).toBe(true);
      }),
    );
  });

  it('int64 sums of integers are exact', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -(2 ** 40), max: 2 ** 40 }), { minLength: 1, maxLength: 100 }), (vs) => {
        const data = distributionOf([1], vs, intMeasure);
        expect(data.sum).toBe(vs.reduce((s, v) => s + v, 0));
      }),
      { numRuns: 300 },
    );
  });
});
