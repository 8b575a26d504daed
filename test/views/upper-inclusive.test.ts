import { Aggregation, Stats, TagMap, View } from '../../src';
import type { DistributionData } from '../../src';
import { fc } from '../support/fast-check';
import { distributionOf, floatMeasure } from './distribution-of';

const A66_LATENCY_BOUNDS = [0, 0.00001, 0.00005, 0.0001, 0.0003, 0.0006, 0.0008, 0.001, 0.002, 0.003, 0.004, 0.005, 0.006, 0.008, 0.01, 0.013,
  0.016, 0.02, 0.025, 0.03, 0.04, 0.05, 0.065, 0.08, 0.1, 0.13, 0.16, 0.2, 0.25, 0.3, 0.4, 0.5, 0.65, 0.8, 1, 2, 5, 10, 20, 50, 100];

const upper = (bounds: number[], values: number[]): DistributionData => distributionOf(bounds, values, floatMeasure, { upperInclusive: true });

/** The exporters' formula: count(v ≤ b[i]) from either convention's data. */
function cumulativeLe(d: DistributionData): number[] {
  let below = 0;
  return d.bucketBounds.map((_b, i) => {
    below += d.bucketCounts[i];
    return d.upperInclusive ? below : below + d.boundCounts[i];
  });
}

describe('upper-inclusive distribution buckets', () => {
  it('counts a value equal to a bound in the bucket that bound closes', () => {
    const d = upper([1, 2, 4], [1, 2, 4, 4]);
    expect(d.bucketCounts).toEqual([1, 1, 2, 0]);
    expect(d.boundCounts).toEqual([1, 1, 2]);
    expect(d.upperInclusive).toBe(true);
  });

  it('differs from the OpenCensus default exactly on the bounds', () => {
    const values = [0.5, 1, 1.5, 2, 3];
    expect(upper([1, 2], values).bucketCounts).toEqual([2, 2, 1]);
    const oc = distributionOf([1, 2], values);
    expect([oc.bucketCounts, oc.upperInclusive]).toEqual([[1, 2, 2], false]);
  });

  it('gives both conventions the same cumulative ≤ counts', () => {
    const values = [0.5, 1, 1, 1.5, 2, 3, 4];
    expect(cumulativeLe(upper([1, 2, 4], values))).toEqual([3, 5, 7]);
    expect(cumulativeLe(distributionOf([1, 2, 4], values))).toEqual([3, 5, 7]);
  });

  it("keeps A66's 0 bound: a 0 counts in bucket 0, values just above it in bucket 1", () => {
    const d = upper(A66_LATENCY_BOUNDS, [0, 0, 0.000005, 100, 101]);
    expect(d.bucketBounds).toEqual(A66_LATENCY_BOUNDS);
    expect(d.bucketCounts.slice(0, 2)).toEqual([2, 1]);
    expect(d.bucketCounts.slice(-2)).toEqual([1, 1]);
    expect(d.boundCounts[0]).toBe(2);
  });

  it('puts negatives below a negative first bound into bucket 0', () => {
    expect(upper([-1, 0], [-3, -1, -0.5, 0, 1]).bucketCounts).toEqual([2, 2, 1]);
  });

  it('is reported for every row, also before any value on a bound', () => {
    const stats = new Stats();
    const view = new View({ name: 'ui', measure: floatMeasure, aggregation: Aggregation.distribution([1], { upperInclusive: true }) });
    stats.registerView(view);
    stats.recordValue(floatMeasure, 0.5, TagMap.EMPTY);
    expect(stats.retrieveData(view)[0].data).toMatchObject({ upperInclusive: true, bucketCounts: [1, 0], boundCounts: [0] });
  });
});

// Strictly increasing finite bounds of any sign (zeros and negatives included);
// integer bounds and values make values land exactly on bounds.
const bounds = fc
  .uniqueArray(fc.oneof(fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true }), fc.integer({ min: -10, max: 100 })), {
    maxLength: 12,
    comparator: (a, b) => a === b, // -0 and 0 are one bound
  })
  .map((xs) => xs.sort((a, b) => a - b));
const values = fc.array(fc.oneof(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.integer({ min: -10, max: 100 })), {
  minLength: 1,
  maxLength: 200,
});

describe('upper-inclusive distribution properties', () => {
  it('buckets match a naive (lo, hi] model, with exact bound counts', () => {
    fc.assert(
      fc.property(bounds, values, (b, vs) => {
        const d = upper(b, vs);
        expect(d.bucketBounds).toEqual(b.map((x) => (x === 0 ? 0 : x)));
        const expected = b.map((hi, i) => vs.filter((v) => (i === 0 || v > b[i - 1]) && v <= hi).length);
        expected.push(vs.filter((v) => b.length === 0 || v > b[b.length - 1]).length);
        expect(d.bucketCounts).toEqual(expected);
        expect(d.boundCounts).toEqual(b.map((x) => vs.filter((v) => v === x).length));
        expect(cumulativeLe(d)).toEqual(b.map((x) => vs.filter((v) => v <= x).length));
      }),
      { numRuns: 300 },
    );
  });
});
