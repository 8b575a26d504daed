import type { AggregationData } from '../data';

/**
 * The mutable state of one row of one view. `add` is on the record hot path:
 * it must not allocate. `snapshot` copies, so callers never see live state.
 */
export interface Cell {
  add(value: number): void;
  snapshot(): AggregationData;
  /** Releases what the cell holds outside the JS heap (percentile histograms); called when its view is unregistered. */
  destroy?(): void;
}
