import { build, type Histogram } from 'hdr-histogram-js';

/** The percentiles reported by distributions with `{ percentiles: true }`. */
export const REPORTED_PERCENTILES: readonly string[] = ['50', '90', '99', '99.9'];

/**
 * An HDR histogram (3 significant digits) for one row. HDR records integers,
 * so float64 values are recorded in thousandths (1 µs for a value in ms): a
 * value keeps 3 significant digits down to 0.1 (0.001 absolute below that).
 * Values below 0 are recorded as 0.
 */
export class PercentileTracker {
  private readonly histogram: Histogram;

  constructor(private readonly scale: number) {
    this.histogram = build({ numberOfSignificantValueDigits: 3, autoResize: true, lowestDiscernibleValue: 1 });
  }

  add(value: number): void {
    const scaled = Math.round(value * this.scale);
    this.histogram.recordValue(scaled > 0 ? scaled : 0);
  }

  snapshot(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const p of REPORTED_PERCENTILES) out[p] = this.histogram.getValueAtPercentile(Number(p)) / this.scale;
    return out;
  }

  /** Frees the histogram's memory (a WASM histogram would need it; the JS one lets GC do it). */
  destroy(): void {
    this.histogram.destroy();
  }
}
