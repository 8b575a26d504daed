import type { Registry, RegistryContentType } from 'prom-client';
import type { FamilySpec } from './naming';
import type { FamilyRenderer, RowSource, Sample } from './render';

/** What prom-client's `Registry` reads from a metric (`MetricObjectWithValues`). */
export interface MetricFamilyData {
  name: string;
  help: string;
  type: FamilySpec['type'];
  aggregator: 'sum' | 'omit';
  values: Sample[] | TextSample[];
}

/** A sample whose name carries whole pre-rendered lines (see `getForPromString`). */
interface TextSample {
  metricName: string;
  labels: Readonly<Record<string, never>>;
  sharedLabels: Readonly<Record<string, never>>;
  value: number;
}

const NO_LABELS: Readonly<Record<string, never>> = Object.freeze({});
const OPENMETRICS = 'application/openmetrics-text';

/**
 * One Prometheus family of a view, registered in a prom-client `Registry` as a
 * custom metric: the registry calls `get()`/`getForPromString()` at each
 * scrape and reads the view's live rows. Nothing is copied into prom-client
 * metrics and nothing is kept between scrapes but rendered label strings.
 */
export class ViewMetric {
  /** The family name. The registry may rewrite it (OpenMetrics strips a counter's `_total`). */
  name: string;
  readonly help: string;
  readonly type: FamilySpec['type'];
  /**
   * How prom-client's cluster mode (`AggregatorRegistry`) merges the workers'
   * families: counters, gauges and every histogram sample (each `le` bucket,
   * `_sum`, `_count`) add up exactly. A quantile summary does not — the sum
   * of three workers' p99 is no p99 — so it is left out of the merged
   * exposition ('omit'); `histogram_quantile` over the summed buckets gives
   * the cluster's quantiles.
   */
  readonly aggregator: 'sum' | 'omit';

  constructor(
    readonly spec: FamilySpec,
    /** Name of the view this family exports (for error messages). */
    readonly viewName: string,
    private readonly renderer: FamilyRenderer,
    private readonly rows: RowSource,
    private readonly registry: Registry<RegistryContentType>,
  ) {
    this.name = spec.name;
    this.help = spec.help;
    this.type = spec.type;
    this.aggregator = spec.type === 'summary' ? 'omit' : 'sum';
  }

  /** The family as prom-client samples (used by `getMetricsAsJSON`, cluster aggregation, and default labels). */
  get(): MetricFamilyData {
    return { name: this.familyName(), help: this.help, type: this.type, aggregator: this.aggregator, values: this.renderer.samples(this.rows) };
  }

  /**
   * What `Registry.metrics()` formats. prom-client writes each sample as
   * `<metricName><labels> <value>`; the fast path hands it one sample whose
   * `metricName` is every line of the family already rendered, up to the last
   * value, and no labels — the text is identical to formatting each sample,
   * without an object per bucket. Falls back to `get()` where prom-client
   * would change the lines: default labels (merged into each sample) and
   * OpenMetrics counters (`_total` appended to each sample name).
   */
  getForPromString(): MetricFamilyData {
    if (this.registryRewritesSamples()) return this.get();
    const text = this.renderer.text(this.rows);
    const values: TextSample[] = text === undefined ? [] : [{ metricName: text.head, labels: NO_LABELS, sharedLabels: NO_LABELS, value: text.lastValue }];
    return { name: this.familyName(), help: this.help, type: this.type, aggregator: this.aggregator, values };
  }

  /** Views are cumulative since registration: `Registry.resetMetrics()` leaves them alone. */
  reset(): void {}

  /**
   * Our own answer rather than `this.name`, which prom-client rewrites in
   * place and never restores if the registry later switches back to text 0.0.4.
   */
  private familyName(): string {
    return this.isOpenMetricsCounter() ? this.spec.name.replace(/_total$/, '') : this.spec.name;
  }

  private isOpenMetricsCounter(): boolean {
    return this.type === 'counter' && this.registry.contentType.startsWith(OPENMETRICS);
  }

  private registryRewritesSamples(): boolean {
    if (this.isOpenMetricsCounter()) return true;
    // prom-client has no public getter for default labels; if the field is ever renamed we take the safe path.
    const defaults = (this.registry as unknown as { _defaultLabels?: unknown })._defaultLabels;
    return typeof defaults !== 'object' || defaults === null || Object.keys(defaults).length > 0;
  }
}
