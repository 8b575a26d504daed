import type { DistributionData } from '../data';
import type { Diagnostics } from '../diagnostics';
import type { Cell } from './cell';
import { PercentileTracker } from './percentile-tracker';
import { addToSum } from './sum-cell';

/** What every row of one distribution view shares: one pointer per row rather than four fields. */
export interface DistributionSpec {
  /** Strictly increasing; not frozen (see Aggregation._searchBounds). */
  readonly bounds: readonly number[];
  /** 0 without percentiles; else the factor values are scaled by for the HDR histogram. */
  readonly percentileScale: number;
  /** Buckets (lo, hi] rather than [lo, hi). */
  readonly upperInclusive: boolean;
  readonly diagnostics: Diagnostics;
}

/**
 * A histogram over fixed bounds with Welford's running mean and sum of squared
 * deviation, and an exact running sum (integer values sum exactly up to 2^53).
 * Bucket i holds [bounds[i-1], bounds[i]) (opencensus-go's rule: a value equal
 * to a bound goes up a bucket), or (bounds[i-1], bounds[i]] when
 * `upperInclusive` (OpenTelemetry's). A value equal to bounds[j] is also
 * counted in `onBound[j]`, so exporters can rebuild either convention exactly.
 * A sum that overflows to ±Infinity behaves as in `SumCell` (reported, and
 * counted once in `diagnostics.sumOverflows`).
 */
export class DistributionCell implements Cell {
  private count = 0;
  private sum = 0;
  private mean = 0;
  private m2 = 0;
  private min = Infinity;
  private max = -Infinity;
  /**
   * A plain array, not a Float64Array: small integers are stored inline
   * (V8 moves the array to doubles by itself past 2^31), and it saves the
   * ArrayBuffer objects and off-heap block: ~120 bytes per row (bench: memory).
   */
  private readonly buckets: number[];
  /** Values equal to bounds[i]; allocated on the first such value. */
  private onBound: Float64Array | undefined;
  private percentiles: PercentileTracker | undefined;

  constructor(private readonly spec: DistributionSpec) {
    this.buckets = new Array<number>(spec.bounds.length + 1).fill(0);
  }

  add(value: number): void {
    const spec = this.spec;
    const n = ++this.count;
    this.sum = addToSum(this.sum, value, spec.diagnostics);
    const delta = value - this.mean;
    this.mean += delta / n;
    this.m2 += delta * (value - this.mean);
    if (value < this.min) this.min = value;
    if (value > this.max) this.max = value;

    // The bucket: the first i with value < bounds[i] (OpenCensus), or
    // bounds.length for the overflow bucket. A value equal to a bound is rare:
    // it is noted in `onBound` and, when upper-inclusive (OpenTelemetry),
    // goes down to the bucket that bound closes. One search for both modes.
    const bounds = spec.bounds;
    let lo = 0;
    let hi = bounds.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (value < bounds[mid]) hi = mid;
      else lo = mid + 1;
    }
    if (lo > 0 && value === bounds[lo - 1]) {
      (this.onBound ??= new Float64Array(bounds.length))[lo - 1]++;
      if (spec.upperInclusive) lo--;
    }
    this.buckets[lo]++;
    if (spec.percentileScale > 0) (this.percentiles ??= new PercentileTracker(spec.percentileScale)).add(value);
  }

  snapshot(): DistributionData {
    const empty = this.count === 0;
    const data: DistributionData = {
      type: 'distribution',
      count: this.count,
      sum: this.sum,
      mean: this.mean,
      min: empty ? 0 : this.min,
      max: empty ? 0 : this.max,
      sumOfSquaredDeviation: this.m2,
      bucketBounds: this.spec.bounds.slice(),
      bucketCounts: this.buckets.slice(),
      boundCounts: this.onBound ? Array.from(this.onBound) : new Array<number>(this.spec.bounds.length).fill(0),
      upperInclusive: this.spec.upperInclusive,
    };
    if (this.spec.percentileScale > 0) data.percentiles = this.percentiles?.snapshot(data.min, data.max) ?? {};
    return data;
  }

  /** Releases the percentile histogram, if any. */
  destroy(): void {
    this.percentiles?.destroy();
    this.percentiles = undefined;
  }
}
