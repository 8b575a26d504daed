import type { Metric, Registry, RegistryContentType } from 'prom-client';
import { stats as defaultStats, type Stats } from '../../views';
import type { View } from '../../views';
import { rpczHandler, type RpczHandler } from '../rpcz/handler';
import { loadPromClient } from './load-prom-client';
import { MetricsServer } from './metrics-server';
import { checkFamily } from './family-check';
import { sanitizeName, viewFamilies, type NamingScheme } from './naming';
import { checkExporterOptions, checkServerOptions, type MetricsServerOptions, type PrometheusExporterOptions } from './options';
import { FamilyRenderer, type RowSource } from './render';
import { RowLabelCache } from './row-labels';
import { SingleFlight } from './single-flight';
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
  private server: { listening: Promise<MetricsServer>; graceMs: number; rpcz?: RpczHandler } | undefined;
  private stopping: Promise<void> | undefined;
  /** Concurrent scrapes (HTTP or `metrics()`) share one render. */
  private readonly render: SingleFlight<string>;

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
    const registry = this.registry;
    this.render = new SingleFlight(
      () => registry.metrics(),
      () => this.stats.diagnostics.increment('prometheus.sharedScrapes'),
    );
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

  /**
   * The text exposition of the whole registry (its content type:
   * `registry.contentType`). Calls made while a render is in progress share
   * it, as the HTTP server's scrapes do.
   */
  metrics(): Promise<string> {
    return this.render.run();
  }

  /**
   * Serves the registry over HTTP: `GET`/`HEAD` on `path` (default `/metrics`)
   * at `host` (default `127.0.0.1`) and `port` (default 9464; 0 picks a free
   * one). Resolves with the port bound. One server per exporter. Rejects if
   * `stop()` is called before the server is listening (the server is then
   * closed by `stop()`), and after `stop()`. With `rpcz`, the same server
   * also answers `/rpcz` and `/rpcz.json` (see `rpczHandler`).
   */
  async startServer(options?: MetricsServerOptions): Promise<{ port: number }> {
    const o = checkServerOptions(options);
    if (this.stopping !== undefined) throw new Error('PrometheusExporter: startServer after stop(); create a new exporter');
    if (this.server !== undefined) throw new Error('PrometheusExporter: the server is already started');
    const registry = this.registry;
    const source = { metrics: () => this.render.run(), get contentType() { return registry.contentType as string; } };
    const rpcz = o.rpcz === false ? undefined : rpczHandler({ stats: this.stats, ...(o.rpcz === true ? {} : o.rpcz) });
    const routes = rpcz && new Map([['/rpcz', rpcz], ['/rpcz.json', rpcz]]);
    const server = { listening: MetricsServer.listen(source, o, (err) => this.scrapeFailed(err), routes), graceMs: o.shutdownGraceMs, rpcz };
    this.server = server;
    let port: number;
    try {
      port = (await server.listening).port;
    } catch (err) {
      if (this.server === server) this.server = undefined;
      rpcz?.close();
      throw err;
    }
    // Lost the race with stop(): never hand out the port of a server that is closing.
    if (this.stopping !== undefined) throw new Error('PrometheusExporter: stop() was called before the server was listening; it is closed');
    return { port };
  }

  /**
   * Shuts the exporter down for good. The server stops accepting connections
   * at once; scrapes in flight get up to `shutdownGraceMs` (startServer
   * option, default 1000 ms) to be answered, then every connection is
   * closed. Then it stops following the views and removes their families
   * from the registry (the registry's other metrics stay). Resolves when all
   * of that is done; calling it again returns the same promise.
   */
  stop(): Promise<void> {
    this.stopping ??= this.shutDown();
    return this.stopping;
  }

  private async shutDown(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    server?.rpcz?.close();
    // A server that failed to start has nothing to close (startServer reported the error).
    if (server !== undefined) await server.listening.then((s) => s.close(server.graceMs), () => undefined);
    this.detach();
  }

  private add(view: View): void {
    const families = viewFamilies(view, this.namespace, this.naming);
    const specs = families.quantiles ? [families.main, families.quantiles] : [families.main];
    for (const spec of specs) checkFamily(view, spec, this.registry, specs);
    const labels = new RowLabelCache(view.tagKeys.map((k) => k.name), families.main.labelNames, sanitizeName);
    const rows: RowSource = (fn) => this.stats.forEachRow(view, fn);
    const metrics = specs.map((spec) => new ViewMetric(spec, view.name, new FamilyRenderer(spec, labels, view.aggregation.bounds), rows, this.registry));
    for (const m of metrics) this.registry.registerMetric(m as unknown as Metric);
    this.exported.set(view.name, metrics);
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
