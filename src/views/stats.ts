import type { Measure, Measurement } from '../measures/measure';
import type { TagMap } from '../tags/tag-map';
import type { Collector } from './collector';
import type { AggregationData, Row, StatsExporter, ViewData } from './data';
import { Diagnostics } from './diagnostics';
import { functionOption, integerOption, numberOption, optionsObject } from '../internal/options';
import { DEFAULT_EXPORT_TIMEOUT_MS, ExportScheduler, MAX_TIMER_MS } from './export-scheduler';
import { recordMeasurements, recordValue } from './record';
import type { View } from './view';
import { ViewRegistry, type ViewListener } from './view-registry';

/** Options of a `Stats`. None is required. */
export interface StatsOptions {
  /** Most rows per view unless the view sets `maxRows`; beyond it measurements go to the overflow row. Default 2000. */
  maxRowsPerView?: number;
  /** Export period in ms (default 10000). */
  reportingPeriodMs?: number;
  /**
   * How long one export may run, in ms (default 30000). Each exporter has at
   * most one export running: periods that find it still running are skipped
   * (`diagnostics.exportsSkipped`), and past this timeout it is abandoned
   * (`diagnostics.exportTimeouts`) and the next period exports again.
   */
  exportTimeoutMs?: number;
  /** Clock for view start/end times, in ms since the epoch. Default `Date.now`. */
  now?: () => number;
  /** Where one-time warnings go. Default `process.emitWarning`. */
  warn?: (message: string) => void;
}

const STATS_OPTIONS = ['maxRowsPerView', 'reportingPeriodMs', 'exportTimeoutMs', 'now', 'warn'] as const;

/** Default row limit per view (OpenTelemetry's cardinality limit). */
export const DEFAULT_MAX_ROWS_PER_VIEW = 2000;

/**
 * A registry of views: register views, record measurements into them, read
 * the aggregated rows, and export them periodically. Recording is synchronous:
 * once `record` returns, `retrieveData` sees the value.
 */
export class Stats {
  /** Counters of dropped, ignored and failed things, and one-time warnings. */
  readonly diagnostics: Diagnostics;
  private readonly registry: ViewRegistry;
  private readonly scheduler: ExportScheduler;
  private readonly now: () => number;

  /** Unknown options and options of the wrong type are a `TypeError` naming the option. */
  constructor(options?: StatsOptions) {
    const opts = optionsObject(options, 'Stats', STATS_OPTIONS);
    const maxRows = integerOption(opts, 'maxRowsPerView', 'Stats', DEFAULT_MAX_ROWS_PER_VIEW, 1);
    const timeoutMs = integerOption(opts, 'exportTimeoutMs', 'Stats', DEFAULT_EXPORT_TIMEOUT_MS, 1, MAX_TIMER_MS);
    const periodMs = numberOption(opts, 'reportingPeriodMs', 'Stats');
    this.now = functionOption<() => number>(opts, 'now', 'Stats') ?? Date.now;
    this.diagnostics = new Diagnostics(functionOption<(message: string) => void>(opts, 'warn', 'Stats'));
    this.registry = new ViewRegistry(maxRows, this.diagnostics, this.now);
    this.scheduler = new ExportScheduler(() => this.collectAll(), this.diagnostics, timeoutMs);
    if (periodMs !== undefined) this.scheduler.setPeriod(periodMs);
  }

  /**
   * Starts aggregating the views. Registering an identical definition again
   * does nothing; a different view with a registered name throws an Error
   * naming both, and then none of `views` is registered.
   */
  registerView(...views: View[]): void {
    this.registry.register(views);
  }

  /** Stops aggregating the views (given as instances or names) and drops their data; exporters get their last data first. */
  unregisterView(...views: (View | string)[]): void {
    const removed = this.registry.unregister(views);
    if (removed.length === 0) return;
    if (this.scheduler.size > 0) void this.scheduler.exportNow(removed.map((c) => this.viewData(c)));
    for (const c of removed) c.destroy();
  }

  /**
   * Records measurements with `tags` (default: `currentTags()`). Never throws
   * for a value: NaN, ±Infinity and non-numbers are dropped and counted in
   * `diagnostics` as `rejectedMeasurements`; int64 values are truncated
   * toward zero (also in a hand-built `{ measure, value }`); -0 is recorded
   * as 0. Throws `TypeError` only for a programming error: something that is
   * not a Measurement, or tags that are not a TagMap. A measure no view
   * aggregates costs one field check.
   */
  record(measurements: Measurement | readonly Measurement[], tags?: TagMap): void {
    recordMeasurements(this.registry, measurements, tags);
  }

  /**
   * `record(measure.m(value), tags)` without building the Measurement, for
   * hot paths that hold a `Measure` already: the same checks and int64
   * truncation, and no allocation at all once the row exists and `tags` is a
   * TagMap recorded before. Throws `TypeError` when `measure` is not a Measure.
   */
  recordValue(measure: Measure, value: number, tags?: TagMap): void {
    recordValue(this.registry, measure, value, tags);
  }

  /** A copy of the rows of a registered view (instance or name); Error if it is not registered. */
  retrieveData(view: View | string): Row[] {
    return this.registry.collector(view).snapshot();
  }

  /** The registered views, in registration order. */
  registeredViews(): View[] {
    return [...this.registry.byName.values()].map((c) => c.view);
  }

  /** When `view` was registered (its data is cumulative since then); Error if it is not registered. */
  viewStart(view: View | string): Date {
    return this.registry.collector(view).start;
  }

  /**
   * Calls `fn` with each row of a registered view, the overflow row last,
   * without building a `Row[]` first (exporters rendering many rows use it).
   * `tags` is frozen and shared: read it, don't keep a reference you mutate.
   */
  forEachRow(view: View | string, fn: (tags: Readonly<Record<string, string>>, data: AggregationData) => void): void {
    this.registry.collector(view).forEachRow((row) => fn(row.tags, row.cell.snapshot()));
  }

  /** Tells `listener` about every view registered now (at once) and later, and every view unregistered. Returns an unsubscribe function. */
  subscribeViews(listener: ViewListener): () => void {
    return this.registry.subscribe(listener);
  }

  /** Adds an exporter; it receives every view's data each reporting period. */
  registerExporter(exporter: StatsExporter): void {
    this.scheduler.add(exporter);
  }

  /** Removes an exporter; with none left the timer stops. */
  unregisterExporter(exporter: StatsExporter): void {
    this.scheduler.delete(exporter);
  }

  /** Sets the export period (ms); ≤ 0 restores the default of 10000, over 2^31 − 1 is a `RangeError`. The timer never keeps the process alive. */
  setReportingPeriod(ms: number): void {
    this.scheduler.setPeriod(ms);
  }

  /**
   * Exports all views to every exporter now and waits for them. Never
   * rejects: failures and timeouts are counted. An exporter whose previous
   * export is still running gets this one when that settles or times out.
   */
  flush(): Promise<void> {
    return this.scheduler.exportNow();
  }

  private collectAll(): ViewData[] {
    return [...this.registry.byName.values()].map((c) => this.viewData(c));
  }

  private viewData(c: Collector): ViewData {
    return { view: c.view, start: c.start, end: new Date(this.now()), rows: c.snapshot() };
  }
}

/**
 * The process-wide default `Stats`. Building it has no side effect: no timer
 * runs until an exporter is registered.
 */
export const stats: Stats = new Stats();
