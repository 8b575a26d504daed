import { Aggregation, Measure, Stats, View, type DistributionData } from '../../src';
import { upperInclusiveCounts } from '../../src/otel/buckets';
import { fc } from '../support/fast-check';

// OpenTelemetry explicit buckets are upper-inclusive: bucket i holds
// (b[i-1], b[i]]. The engine's OpenCensus data is [b[i-1], b[i]) plus a count
// of the values exactly on each bound; the conversion must give what a naive
// count of the raw values under OpenTelemetry's rule gives, for any values,
// in particular values sitting on bounds.
/** Bucket counts under OpenTelemetry's rule, by counting the raw values. */
function naive(bounds: number[], values: number[]): number[] {
  const out = new Array<number>(bounds.length + 1).fill(0);
  for (const v of values) {
    const i = bounds.findIndex((b) => v <= b);
    out[i === -1 ? bounds.length : i]++;
  }
  return out;
}

function recorded(bounds: number[], values: number[], upperInclusive = false): DistributionData {
  const stats = new Stats();
  const measure = Measure.float64('m', 'd', '1');
  const view = new View({ name: 'v', measure, aggregation: Aggregation.distribution(bounds, { upperInclusive }) });
  stats.registerView(view);
  for (const v of values) stats.record(measure.m(v));
  return stats.retrieveData(view)[0].data as DistributionData;
}

/** Strictly increasing positive bounds (OpenCensus views keep bounds > 0 only). */
const boundsArb = fc
  .uniqueArray(fc.integer({ min: 1, max: 1000 }), { minLength: 1, maxLength: 12 })
  .map((xs) => xs.sort((a, b) => a - b).map((x) => x / 4));

/** Values drawn half from the bounds themselves, half anywhere around them (negatives included). */
const caseArb = boundsArb.chain((bounds) =>
  fc.tuple(
    fc.constant(bounds),
    fc.array(fc.oneof(fc.constantFrom(...bounds), fc.double({ min: -10, max: 300, noNaN: true })), { minLength: 1, maxLength: 60 }),
  ),
);

describe('upperInclusiveCounts', () => {
  it('equals a naive upper-inclusive count of the raw values (fast-check)', () => {
    fc.assert(
      fc.property(caseArb, ([bounds, values]) => {
        const data = recorded(bounds, values);
        expect(upperInclusiveCounts(data)).toEqual(naive(bounds, values));
      }),
      { numRuns: 300 },
    );
  });

  it('puts a value equal to a bound in the bucket that bound closes', () => {
    const data = recorded([1, 2, 4], [1, 1, 2, 4, 4.5, 0.5]);
    expect(data.bucketCounts).toEqual([1, 2, 1, 2]); // OpenCensus: [lo, hi)
    expect(upperInclusiveCounts(data)).toEqual([3, 1, 1, 1]); // (-inf,1] (1,2] (2,4] (4,inf)
  });

  it('passes the data of an upperInclusive view (A66: 0 bound kept) through, equal to the naive count (fast-check)', () => {
    const withZero = caseArb.map(([bounds, values]) => [[0, ...bounds], [0, ...values]] as const);
    fc.assert(
      fc.property(withZero, ([bounds, values]) => {
        const data = recorded([...bounds], [...values], true);
        expect(data.bucketBounds).toEqual(bounds);
        const counts = upperInclusiveCounts(data);
        expect(counts).toEqual(naive([...bounds], [...values]));
        expect(counts).toEqual(data.bucketCounts);
        expect(counts).not.toBe(data.bucketCounts);
      }),
      { numRuns: 300 },
    );
  });
});
