import type { Metric, Registry, RegistryContentType } from 'prom-client';
import { stats as defaultStats, type Stats } from '../../views';
import type { View } from '../../views';
import { loadPromClient } from './load-prom-client';
import { MetricsServer } from './metrics-server';
import { sanitizeName, viewFamilies, type FamilySpec, type NamingScheme } from './naming';
import { checkExporterOptions, checkServerOptions, type MetricsServerOptions, type PrometheusExporterOptions } from './options';
import { FamilyRenderer, type RowSource } from './render';
import { RowLabelCache } from './row-labels';
import { ViewMetric } from './view-metric';

/**
 * Makes the views of a `Stats` part of a prom-client `Registry`, beside the
 * application's own metrics and `collectDefaultMetrics`: every view registered
 * now or later becomes one family (two for a distribution with percentiles),
 * and leaves the registry when it is unregistered. Data is read live from the
 * views at each scrape; nothing is copied into prom-client metrics.
 *
 * Count and Sum → counter, LastValue → gauge, Distribution → histogram with
 * exact `le` buckets (values ≤ bound). See docs/prometheus.md for names.
 */
export class PrometheusExporter {
  private readonly stats: Stats;
  private readonly registry: Registry<RegistryContentType>;
  private readonly namespace: string;
  private readonly naming: NamingScheme;
  private readonly exported = new Map<string, ViewMetric[]>();
  private unsubscribe: (() => void) | undefined;
  private server: Promise<MetricsServer> | undefined;
  private stopped = false;

  /**
   * Throws `TypeError` for bad options, an Error when prom-client is not
   * installed, and an Error naming both sides when a registered view's name
   * is already taken in the registry (nothing is left registered then).
   * A view registered later whose name is taken is skipped with a warning and
   * counted in `stats.diagnostics` as `prometheus.skippedViews`.
   */
  constructor(options?: PrometheusExporterOptions) {
    const o = checkExporterOptions(options, defaultStats);
    this.stats = o.stats;
    this.registry = o.registry ?? (loadPromClient().register as Registry<RegistryContentType>);
    this.namespace = o.namespace;
    this.naming = o.naming;
    const failures: unknown[] = [];
    let constructing = true;
    this.unsubscribe = this.stats.subscribeViews({
      viewRegistered: (view) => {
        try {
          this.add(view);
        } catch (err) {
          if (constructing) failures.push(err);
          else this.skip(view, err);
        }
      },
      viewUnregistered: (view) => this.remove(view.name),
    });
    constructing = false;
    if (failures.length > 0) {
      this.detach();
      throw failures[0];
    }
  }

  /** The text exposition of the whole registry (its content type: `registry.contentType`). */
  metrics(): Promise<string> {
    return this.registry.metrics();
  }

  /**
   * Serves the registry over HTTP: `GET`/`HEAD` on `path` (default `/metrics`)
   * at `host` (default `127.0.0.1`) and `port` (default 9464; 0 picks a free
   * one). Resolves with the port bound. One server per exporter.
   */
  async startServer(options?: MetricsServerOptions): Promise<{ port: number }> {
    const o = checkServerOptions(options);
    if (this.stopped) throw new Error('PrometheusExporter: startServer after stop(); create a new exporter');
    if (this.server !== undefined) throw new Error('PrometheusExporter: the server is already started');
    const registry = this.registry;
    const source = { metrics: () => registry.metrics(), get contentType() { return registry.contentType as string; } };
    this.server = MetricsServer.listen(source, o, (err) => this.scrapeFailed(err));
    try {
      return { port: (await this.server).port };
    } catch (err) {
      this.server = undefined;
      throw err;
    }
  }

  /**
   * Shuts the exporter down for good: closes the server, stops following the
   * views and removes their families from the registry (the registry's other
   * metrics stay). Safe to call twice.
   */
  async stop(): Promise<void> {
    this.stopped = true;
    this.detach();
    const server = this.server;
    this.server = undefined;
    // A server that failed to start has nothing to close (startServer reported the error).
    if (server !== undefined) await server.then((s) => s.close(), () => undefined);
  }

  private add(view: View): void {
    const families = viewFamilies(view, this.namespace, this.naming);
    const specs = families.quantiles ? [families.main, families.quantiles] : [families.main];
    for (const spec of specs) this.checkFree(view, spec);
    const labels = new RowLabelCache(view.tagKeys.map((k) => k.name), families.main.labelNames, sanitizeName);
    const rows: RowSource = (fn) => this.stats.forEachRow(view, fn);
    const metrics = specs.map((spec) => new ViewMetric(spec, view.name, new FamilyRenderer(spec, labels, view.aggregation.bounds), rows, this.registry));
    for (const m of metrics) this.registry.registerMetric(m as unknown as Metric);
    this.exported.set(view.name, metrics);
  }

  private checkFree(view: View, spec: FamilySpec): void {
    const reserved = spec.type === 'histogram' ? 'le' : spec.type === 'summary' ? 'quantile' : undefined;
    const seen = new Set<string>();
    for (const label of spec.labelNames) {
      if (label === reserved || seen.has(label)) {
        throw new Error(`PrometheusExporter: view ${JSON.stringify(view.name)} cannot be exported as ${JSON.stringify(spec.name)}: label ${JSON.stringify(label)} is ${seen.has(label) ? 'used by two of its tag keys after sanitizing' : 'reserved in Prometheus'}. Rename the tag key.`);
      }
      seen.add(label);
    }
    const existing = this.registry.getSingleMetric(spec.name) as unknown;
    if (existing === undefined) return;
    const owner =
      existing instanceof ViewMetric
        ? `the ${existing.type} of view ${JSON.stringify(existing.viewName)}`
        : `a ${String((existing as { type?: unknown }).type ?? 'metric')} registered by other code (help: ${JSON.stringify((existing as { help?: unknown }).help)})`;
    throw new Error(
      `PrometheusExporter: view ${JSON.stringify(view.name)} would be exported as ${JSON.stringify(spec.name)}, but the registry already has ${owner} under that name. ` +
        'Rename one of them, or give this exporter a namespace.',
    );
  }

  private remove(viewName: string): void {
    for (const m of this.exported.get(viewName) ?? []) {
      if ((this.registry.getSingleMetric(m.spec.name) as unknown) === m) this.registry.removeSingleMetric(m.spec.name);
    }
    this.exported.delete(viewName);
  }

  private detach(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    for (const name of [...this.exported.keys()]) this.remove(name);
  }

  private skip(view: View, err: unknown): void {
    this.stats.diagnostics.increment('prometheus.skippedViews');
    this.stats.diagnostics.warnOnce(`prometheus.skip:${view.name}`, `grpc-census: ${err instanceof Error ? err.message : String(err)} The view is not exported.`);
  }

  private scrapeFailed(err: unknown): void {
    this.stats.diagnostics.increment('prometheus.scrapeErrors');
    this.stats.diagnostics.warnOnce('prometheus.scrape', `grpc-census: rendering /metrics failed (later failures are only counted): ${String(err)}`);
  }
}
