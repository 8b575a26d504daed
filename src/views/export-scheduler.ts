import type { Diagnostics } from './diagnostics';
import type { StatsExporter, ViewData } from './data';

/** Default reporting period, as opencensus-go's. */
export const DEFAULT_REPORTING_PERIOD_MS = 10_000;

/** Default time an export may take before it is abandoned (OpenTelemetry's default export timeout). */
export const DEFAULT_EXPORT_TIMEOUT_MS = 30_000;

/** Longest delay `setInterval` honours (2^31 − 1 ms, about 24.8 days). */
export const MAX_TIMER_MS = 0x7fffffff;

/** One registered exporter and the export it is running, if any. */
interface ExporterState {
  /** Settles (never rejects) when the running export settles or is abandoned. */
  running: Promise<void> | undefined;
}

/**
 * Calls every exporter with a snapshot of all views each period. The timer
 * runs only while an exporter is registered and never keeps the process
 * alive (it is unref'd).
 *
 * Each exporter has at most one export running, so an exporter that never
 * settles cannot pile up exports and the snapshots they hold: a tick that
 * finds its export still running skips it (`exportsSkipped`), and an export
 * still running after the timeout is abandoned (`exportTimeouts`; its late
 * result is ignored) so the next tick exports again. An exporter that throws
 * or rejects is counted in `exportErrors` and reported once; the others
 * still run.
 */
export class ExportScheduler {
  private readonly exporters = new Map<StatsExporter, ExporterState>();
  private timer: NodeJS.Timeout | undefined;
  private periodMs = DEFAULT_REPORTING_PERIOD_MS;

  constructor(
    private readonly collect: () => ViewData[],
    private readonly diagnostics: Diagnostics,
    private readonly timeoutMs = DEFAULT_EXPORT_TIMEOUT_MS,
  ) {}

  add(exporter: StatsExporter): void {
    if (exporter === null || typeof exporter !== 'object' || typeof exporter.export !== 'function') {
      throw new TypeError('An exporter must be an object with an export(data) method');
    }
    if (!this.exporters.has(exporter)) this.exporters.set(exporter, { running: undefined });
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

  /**
   * Exports `data` (default: all views, now) to every exporter and waits for
   * them: an exporter whose previous export is still running gets this one
   * once that settles or times out (each export lasts at most one timeout).
   * Never rejects.
   */
  async exportNow(data: ViewData[] = this.collect()): Promise<void> {
    await Promise.all([...this.exporters].map(([exporter, state]) => this.exportAfterRunning(exporter, state, data)));
  }

  /** Stops the timer; exporters stay registered. */
  cancel(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
  }

  private schedule(): void {
    if (this.timer !== undefined || this.exporters.size === 0) return;
    this.timer = setInterval(() => this.tick(), this.periodMs);
    this.timer.unref();
  }

  /** One period: export to every idle exporter; views are snapshotted only if one is idle. */
  private tick(): void {
    let data: ViewData[] | undefined;
    for (const [exporter, state] of this.exporters) {
      if (state.running !== undefined) {
        this.diagnostics.increment('exportsSkipped');
        continue;
      }
      void this.start(exporter, state, (data ??= this.collect()));
    }
  }

  private async exportAfterRunning(exporter: StatsExporter, state: ExporterState, data: ViewData[]): Promise<void> {
    // A loop, not one await: several flushes waiting on the same export run one after another.
    while (state.running !== undefined) await state.running;
    if (this.exporters.get(exporter) === state) await this.start(exporter, state, data);
  }

  /**
   * Runs one export. A synchronous exporter is done when it returns; one that
   * returns a promise is marked running until it settles or the timeout
   * abandons it. Nothing here holds `data` once the exporter has it.
   */
  private start(exporter: StatsExporter, state: ExporterState, data: ViewData[]): Promise<void> {
    let result: unknown;
    try {
      result = exporter.export(data);
    } catch (err) {
      this.failed(exporter, err);
      return DONE;
    }
    if (!isThenable(result)) return DONE;
    const running = new Promise<void>((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        if (state.running === running) state.running = undefined;
        resolve();
      };
      const timer = setTimeout(() => {
        this.diagnostics.increment('exportTimeouts');
        this.diagnostics.warnOnce(
          `export-timeout:${exporterName(exporter)}`,
          `grpc-census: ${exporterName(exporter)}.export did not settle within ${this.timeoutMs} ms and was abandoned ` +
            `(later ones are only counted in diagnostics.exportTimeouts)`,
        );
        done();
      }, this.timeoutMs);
      timer.unref();
      Promise.resolve(result).then(done, (err: unknown) => {
        this.failed(exporter, err);
        done();
      });
    });
    state.running = running;
    return running;
  }

  /** An export threw or rejected: counted, and warned about once per exporter class; never passed on. */
  private failed(exporter: StatsExporter, err: unknown): void {
    this.diagnostics.increment('exportErrors');
    const name = exporterName(exporter);
    this.diagnostics.warnOnce(`export:${name}`, `grpc-census: ${name}.export failed (later failures are only counted in diagnostics.exportErrors): ${String(err)}`);
  }
}

const DONE: Promise<void> = Promise.resolve();

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return value !== null && (typeof value === 'object' || typeof value === 'function') && typeof (value as PromiseLike<unknown>).then === 'function';
}

function exporterName(exporter: StatsExporter): string {
  return exporter.constructor?.name ?? 'exporter';
}
