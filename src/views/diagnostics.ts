/**
 * Counters of what grpc-census dropped, ignored or survived instead of
 * throwing, plus one-time warnings. Read them with `snapshot()` or `get()`.
 *
 * Counters the engine keeps: `rejectedMeasurements` (NaN, ±Infinity or
 * non-number values), `overflowMeasurements` (measurements that went to a
 * view's overflow row), `sumOverflows` (rows whose float sum overflowed to
 * ±Infinity, counted once per row), `exportErrors` (exporter calls that
 * threw or rejected), `exportsSkipped` (periods that found an exporter's
 * previous export still running), `exportTimeouts` (exports abandoned after
 * `exportTimeoutMs`), `listenerErrors`. Other modules (the gRPC plugin) add their own,
 * named `<module>.<what>`.
 */
export class Diagnostics {
  private readonly counters = new Map<string, number>();
  private readonly warned = new Set<string>();

  constructor(private readonly warn: (message: string) => void = defaultWarn) {}

  /** Adds `by` (default 1) to the counter `name`. */
  increment(name: string, by = 1): void {
    this.counters.set(name, (this.counters.get(name) ?? 0) + by);
  }

  /** The value of the counter `name` (0 when never incremented). */
  get(name: string): number {
    return this.counters.get(name) ?? 0;
  }

  /** Every counter, by name. */
  snapshot(): Record<string, number> {
    return Object.fromEntries(this.counters);
  }

  /** Emits `message` as a process warning the first time `key` is seen; later calls are silent. */
  warnOnce(key: string, message: string): void {
    if (this.warned.has(key)) return;
    this.warned.add(key);
    try {
      this.warn(message);
    } catch {
      // A warning sink that throws must not turn a reported failure into a new one.
    }
  }
}

function defaultWarn(message: string): void {
  process.emitWarning(message, { code: 'GRPC_CENSUS' });
}
