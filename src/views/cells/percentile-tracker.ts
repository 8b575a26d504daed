import type { Histogram } from 'hdr-histogram-js';

type HdrModule = typeof import('hdr-histogram-js');
let hdr: HdrModule | undefined;

/**
 * hdr-histogram-js, loaded on first use: it takes tens of milliseconds to
 * load, which programs without a percentile view should not pay at startup.
 */
function hdrModule(): HdrModule {
  return (hdr ??= require('hdr-histogram-js') as HdrModule);
}

/** The percentiles reported by distributions with `{ percentiles: true }`. */
export const REPORTED_PERCENTILES: readonly string[] = ['50', '90', '99', '99.9'];

/** Largest value the JS HDR histogram records faithfully. */
const MAX_RECORDABLE = Number.MAX_SAFE_INTEGER;

/**
 * An HDR histogram (3 significant digits) for one row. HDR records integers,
 * so float64 values are recorded in thousandths (1 µs for a value in ms): a
 * value keeps 3 significant digits down to 0.1 (0.001 absolute below that).
 * Values below 0 are recorded as 0; scaled values above 2^53 − 1 at 2^53 − 1.
 */
export class PercentileTracker {
  private readonly histogram: Histogram;

  constructor(private readonly scale: number) {
    this.histogram = hdrModule().build({ numberOfSignificantValueDigits: 3, autoResize: true, lowestDiscernibleValue: 1 });
  }

  add(value: number): void {
    const scaled = Math.round(value * this.scale);
    // HDR silently loses values above 2^53 − 1, and the percentiles that fall
    // on them then read 0: record such values at the cap instead.
    this.histogram.recordValue(scaled > 0 ? (scaled < MAX_RECORDABLE ? scaled : MAX_RECORDABLE) : 0);
  }

  /**
   * The reported percentiles, clamped to [min, max] of the exact values: HDR
   * answers with the top of a value's bucket, which may lie past the maximum.
   */
  snapshot(min: number, max: number): Record<string, number> {
    const out: Record<string, number> = {};
    for (const p of REPORTED_PERCENTILES) {
      const v = this.histogram.getValueAtPercentile(Number(p)) / this.scale;
      out[p] = v < min ? min : v > max ? max : v;
    }
    return out;
  }

  /** Frees the histogram's memory (a WASM histogram would need it; the JS one lets GC do it). */
  destroy(): void {
    this.histogram.destroy();
  }
}
