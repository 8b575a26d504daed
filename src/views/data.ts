import type { View } from './view';

/** Aggregated data of one row, shaped as opencensus-go's `view.AggregationData`. */
export type AggregationData = CountData | SumData | LastValueData | DistributionData;

/** How many measurements were recorded. */
export interface CountData { type: 'count'; value: number }
/** The sum of the recorded values. */
export interface SumData { type: 'sum'; value: number }
/** The most recently recorded value. */
export interface LastValueData { type: 'lastValue'; value: number }

/**
 * A histogram of the recorded values with their moments.
 * `bucketCounts.length === bucketBounds.length + 1`: bucket 0 takes the values
 * below the first bound, the last (overflow) bucket those above the last.
 *
 * By default (`upperInclusive: false`, OpenCensus) `bucketCounts[i]` counts
 * values in [bucketBounds[i-1], bucketBounds[i]): a value equal to a bound goes
 * to the higher bucket, exactly as in opencensus-go. With
 * `upperInclusive: true` (OpenTelemetry, gRFC A66) it counts
 * (bucketBounds[i-1], bucketBounds[i]]: a value equal to a bound counts in the
 * bucket that bound closes.
 *
 * `boundCounts[i]` counts the values exactly equal to `bucketBounds[i]` in
 * both modes, so an exporter gives either convention exactly, e.g.
 * Prometheus' inclusive `le` buckets:
 * OpenCensus data: count(v ≤ b[i]) = Σ bucketCounts[0..i] + boundCounts[i];
 * upper-inclusive data: count(v ≤ b[i]) = Σ bucketCounts[0..i].
 */
export interface DistributionData {
  type: 'distribution';
  count: number;
  sum: number;
  mean: number;
  /** Smallest value recorded (0 when `count` is 0). */
  min: number;
  /** Largest value recorded (0 when `count` is 0). */
  max: number;
  /** Σ (v − mean)², accumulated with Welford's method (numerically stable). */
  sumOfSquaredDeviation: number;
  bucketBounds: number[];
  bucketCounts: number[];
  boundCounts: number[];
  /** Which bucket convention `bucketCounts` follows: true = (lo, hi], false = [lo, hi). */
  upperInclusive: boolean;
  /** With `{ percentiles: true }`: p50, p90, p99 and p99.9 keyed `'50'`, `'90'`, `'99'`, `'99.9'`. */
  percentiles?: Record<string, number>;
}

/** One row of a view: the values of the view's tag keys (absent = not set or empty) and its data. */
export interface Row {
  tags: Record<string, string>;
  data: AggregationData;
}

/** What an exporter receives for one view at each reporting period. */
export interface ViewData {
  view: View;
  /** When the view was registered: the data is cumulative since then. */
  start: Date;
  end: Date;
  rows: Row[];
}

/** Receives the data of every registered view at each reporting period and on `Stats.flush()`. */
export interface StatsExporter {
  export(data: ViewData[]): void | Promise<void>;
}
