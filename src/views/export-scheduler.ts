import type { Diagnostics } from './diagnostics';
import type { StatsExporter, ViewData } from './data';

/** Default reporting period, as opencensus-go's. */
export const DEFAULT_REPORTING_PERIOD_MS = 10_000;

/** Longest delay `setInterval` honours (2^31 − 1 ms, about 24.8 days). */
const MAX_TIMER_MS = 0x7fffffff;

/**
 * Calls every exporter with a snapshot of all views each period. The timer
 * runs only while an exporter is registered and never keeps the process
 * alive (it is unref'd). An exporter that throws or rejects is counted in
 * `exportErrors` and reported once; the others still run.
 */
export class ExportScheduler {
  private readonly exporters = new Set<StatsExporter>();
  private timer: NodeJS.Timeout | undefined;
  private periodMs = DEFAULT_REPORTING_PERIOD_MS;

  constructor(
    private readonly collect: () => ViewData[],
    private readonly diagnostics: Diagnostics,
  ) {}

  add(exporter: StatsExporter): void {
    if (exporter === null || typeof exporter !== 'object' || typeof exporter.export !== 'function') {
      throw new TypeError('An exporter must be an object with an export(data) method');
    }
    this.exporters.add(exporter);
    this.schedule();
  }

  delete(exporter: StatsExporter): void {
    this.exporters.delete(exporter);
    if (this.exporters.size === 0) this.cancel();
  }

  get size(): number {
    return this.exporters.size;
  }

  setPeriod(ms: number): void {
    if (typeof ms !== 'number' || Number.isNaN(ms)) throw new TypeError(`Reporting period must be a number of milliseconds, got ${String(ms)}`);
    // Node turns a longer delay into 1 ms (TimeoutOverflowWarning): an export every millisecond.
    if (ms > MAX_TIMER_MS) throw new RangeError(`Reporting period ${ms} ms is longer than the longest timer Node supports (${MAX_TIMER_MS} ms)`);
    this.periodMs = ms > 0 ? ms : DEFAULT_REPORTING_PERIOD_MS; // ≤ 0 restores the default, as in opencensus-go
    this.cancel();
    this.schedule();
  }

  /** Exports `data` (default: all views, now) to every exporter and waits for them. Never rejects. */
  async exportNow(data: ViewData[] = this.collect()): Promise<void> {
    await Promise.all([...this.exporters].map((e) => this.exportTo(e, data)));
  }

  /** Stops the timer; exporters stay registered. */
  cancel(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
  }

  private schedule(): void {
    if (this.timer !== undefined || this.exporters.size === 0) return;
    this.timer = setInterval(() => void this.exportNow(), this.periodMs);
    this.timer.unref();
  }

  private async exportTo(exporter: StatsExporter, data: ViewData[]): Promise<void> {
    try {
      await exporter.export(data);
    } catch (err) {
      this.diagnostics.increment('exportErrors');
      const name = exporter.constructor?.name ?? 'exporter';
      this.diagnostics.warnOnce(`export:${name}`, `grpc-census: ${name}.export failed (later failures are only counted in diagnostics.exportErrors): ${String(err)}`);
    }
  }
}
