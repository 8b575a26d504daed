import type { Attributes } from '@opentelemetry/api';
import type { DataPoint, Histogram, MetricData } from '@opentelemetry/sdk-metrics';
import { OVERFLOW_TAGS, type AggregationData, type DistributionData, type Stats, type View } from '../views';
import { upperInclusiveCounts } from './buckets';
import { hrTimeOf } from './hr-time';
import { CUMULATIVE, DATA_POINT_TYPE, VALUE_TYPE } from './otel-enums';

/**
 * Attributes of the overflow row: OpenTelemetry's own name for "measurements
 * beyond the cardinality limit", so OTel back ends recognise it.
 */
const OVERFLOW_ATTRIBUTES: Attributes = Object.freeze({ 'otel.metric.overflow': true });

/**
 * One registered view as an OpenTelemetry metric, one data point per row
 * (undefined when the view has no row yet, as opencensus-go's metric producer
 * skips empty views). Cumulative from the view's registration to `endMs`.
 *
 * Count → monotonic Sum of integers; Sum → monotonic Sum (OpenCensus'
 * cumulative metric type, a counter in Prometheus, like our own exporter);
 * LastValue → Gauge; Distribution → Histogram with upper-inclusive explicit
 * buckets, sum, count, min and max.
 */
export function viewMetric(stats: Stats, view: View, endMs: number): MetricData | undefined {
  const startMs = stats.viewStart(view).getTime();
  const startTime = hrTimeOf(startMs);
  // A wall clock stepped back since registration must not give end < start,
  // which OTLP back ends reject.
  const end = endMs < startMs ? startTime : hrTimeOf(endMs);
  const type = view.aggregation.type;
  const descriptor = {
    name: view.name,
    description: view.description,
    unit: unitOf(view),
    valueType: type === 'count' || (type !== 'distribution' && view.measure.type === 'int64') ? VALUE_TYPE.INT : VALUE_TYPE.DOUBLE,
  };
  if (type === 'distribution') {
    const dataPoints: DataPoint<Histogram>[] = [];
    stats.forEachRow(view, (tags, data) => dataPoints.push({ startTime, endTime: end, attributes: attributesOf(tags), value: histogramOf(data as DistributionData) }));
    if (dataPoints.length === 0) return undefined;
    return { descriptor, aggregationTemporality: CUMULATIVE, dataPointType: DATA_POINT_TYPE.HISTOGRAM, dataPoints } as MetricData;
  }
  const dataPoints: DataPoint<number>[] = [];
  stats.forEachRow(view, (tags, data) => dataPoints.push({ startTime, endTime: end, attributes: attributesOf(tags), value: scalarOf(data) }));
  if (dataPoints.length === 0) return undefined;
  if (type === 'lastValue') return { descriptor, aggregationTemporality: CUMULATIVE, dataPointType: DATA_POINT_TYPE.GAUGE, dataPoints } as MetricData;
  return { descriptor, aggregationTemporality: CUMULATIVE, dataPointType: DATA_POINT_TYPE.SUM, isMonotonic: true, dataPoints } as MetricData;
}

/**
 * The measure's unit, except for a Count over a measure with a dimension: a
 * count of latencies is not in ms. Like opencensus-go's metric export, such a
 * count is `1`; a count over a dimensionless or annotation unit (`1`,
 * `{call}`, `{attempt}` as gRFC A66's started counters) keeps it.
 */
function unitOf(view: View): string {
  const unit = view.measure.unit;
  if (view.aggregation.type !== 'count' || unit === '1' || /^\{[^}]*\}$/.test(unit)) return unit;
  return '1';
}

/** A row's tags as attributes. Row tags are frozen and never change, so they are shared, not copied. */
function attributesOf(tags: Readonly<Record<string, string>>): Attributes {
  return tags === OVERFLOW_TAGS ? OVERFLOW_ATTRIBUTES : tags;
}

// A row's data is always of its view's aggregation type (the engine makes the
// cell from the view), so the two readers below need no other case.

function scalarOf(data: AggregationData): number {
  return (data as Exclude<AggregationData, DistributionData>).value;
}

function histogramOf(data: DistributionData): Histogram {
  const value: Histogram = {
    // A fresh copy from the row's snapshot: the exporter may keep it.
    buckets: { boundaries: data.bucketBounds, counts: upperInclusiveCounts(data) },
    count: data.count,
    sum: data.sum,
  };
  if (data.count > 0) {
    value.min = data.min;
    value.max = data.max;
  }
  return value;
}
