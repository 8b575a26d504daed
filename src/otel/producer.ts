import type { CollectionResult, MetricCollectOptions, MetricData, MetricProducer } from '@opentelemetry/sdk-metrics';
import { describeValue } from '../internal/ascii';
import { optionsObject } from '../internal/options';
import { Stats, stats as defaultStats } from '../views';
import { EMPTY_RESOURCE } from './empty-resource';
import { INSTRUMENTATION_SCOPE } from './scope';
import { viewMetric } from './view-metric';

/** Options of a `CensusMetricProducer`. */
export interface CensusMetricProducerOptions {
  /** Whose views to report. Default: the process-wide `stats`. */
  stats?: Stats;
}

const WHERE = 'CensusMetricProducer';

/**
 * Reports every view registered in a `Stats` — OpenCensus and gRFC A66 views
 * alike — to OpenTelemetry: an `@opentelemetry/sdk-metrics` `MetricProducer`
 * (sdk-metrics 2.x and 3.x) for any `MetricReader`, e.g.
 * `new PeriodicExportingMetricReader({ exporter, metricProducers: [new CensusMetricProducer()] })`
 * or `new PrometheusExporter({ metricProducers: [...] })` of
 * `@opentelemetry/exporter-prometheus`.
 *
 * Each view is one metric named as the view, with the measure's unit, under
 * the instrumentation scope `grpc-census`; each row is one cumulative data
 * point whose attributes are the row's tags and whose start time is the view's
 * registration. Count → monotonic integer Sum, Sum → monotonic Sum, LastValue →
 * Gauge, Distribution → Histogram with explicit upper-inclusive buckets, min
 * and max (OpenCensus' [lo, hi) buckets are converted exactly). Views with no
 * row yet are left out. See docs/opentelemetry.md.
 */
export class CensusMetricProducer implements MetricProducer {
  private readonly stats: Stats;

  /** Throws `TypeError` for an unknown option or a `stats` that is not a `Stats`. */
  constructor(options?: CensusMetricProducerOptions) {
    const o = optionsObject(options, WHERE, ['stats']);
    if (o.stats !== undefined && !(o.stats instanceof Stats)) {
      throw new TypeError(`${WHERE}: option stats must be a Stats, got ${describeValue(o.stats)}`);
    }
    this.stats = (o.stats as Stats | undefined) ?? defaultStats;
  }

  /**
   * The current data of every registered view. Never rejects: a view that
   * fails to convert is left out and its error is in `errors`. The data is in
   * memory, so collection is synchronous; with `timeoutMillis`, the views not
   * reached by then are left out (with one error saying which) rather than
   * making the reader wait past its deadline.
   */
  collect(options?: MetricCollectOptions): Promise<CollectionResult> {
    const started = performance.now();
    const timeout = options?.timeoutMillis;
    const deadline = typeof timeout === 'number' && timeout >= 0 ? started + timeout : Infinity;
    const end = Date.now();
    const metrics: MetricData[] = [];
    const errors: unknown[] = [];
    const views = this.stats.registeredViews();
    for (let i = 0; i < views.length; i++) {
      if (i > 0 && performance.now() >= deadline) {
        const skipped = views.slice(i).map((v) => v.name);
        errors.push(new Error(`${WHERE}: timed out after ${timeout} ms; views left out: ${skipped.join(', ')}`));
        break;
      }
      try {
        const metric = viewMetric(this.stats, views[i], end);
        if (metric !== undefined) metrics.push(metric);
      } catch (err) {
        errors.push(err);
      }
    }
    return Promise.resolve({
      resourceMetrics: { resource: EMPTY_RESOURCE, scopeMetrics: [{ scope: INSTRUMENTATION_SCOPE, metrics }] },
      errors,
    });
  }
}
