import { Aggregation, Measure, Stats, TagMap, View } from '../../src';
import type { DistributionData, DistributionOptions } from '../../src';

/** A float64 measure in ms shared by the distribution tests. */
export const floatMeasure = Measure.float64('test/distribution/float', 'values', 'ms');
/** An int64 measure in bytes shared by the distribution tests. */
export const intMeasure = Measure.int64('test/distribution/int', 'values', 'By');

/** Records `values` into a fresh distribution view and returns its one row's data; `options` true means `{ percentiles: true }`. */
export function distributionOf(
  bounds: number[],
  values: Iterable<number>,
  measure = floatMeasure,
  options: boolean | DistributionOptions = false,
): DistributionData {
  const stats = new Stats();
  const aggregation = Aggregation.distribution(bounds, typeof options === 'boolean' ? { percentiles: options } : options);
  const view = new View({ name: 'dist', measure, aggregation });
  stats.registerView(view);
  for (const v of values) stats.record(measure.m(v), TagMap.EMPTY);
  const rows = stats.retrieveData(view);
  if (rows.length !== 1) throw new Error(`expected one row, got ${rows.length}`);
  return rows[0].data as DistributionData;
}

/** Deterministic uniform numbers in [0, 1) (mulberry32), so failures reproduce. */
export function uniform(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
