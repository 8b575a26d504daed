import type { AggregationData } from '../data';
import type { Diagnostics } from '../diagnostics';
import type { Cell } from './cell';

/**
 * The overflow row's cell: aggregates like the view's own cells and counts
 * every value it takes in `diagnostics.overflowMeasurements`, so the record
 * path can cache it per TagMap like any other cell and still count each
 * overflowed measurement.
 */
export class OverflowCell implements Cell {
  constructor(
    private readonly inner: Cell,
    private readonly diagnostics: Diagnostics,
  ) {}

  add(value: number): void {
    this.diagnostics.increment('overflowMeasurements');
    this.inner.add(value);
  }

  snapshot(): AggregationData {
    return this.inner.snapshot();
  }

  destroy(): void {
    this.inner.destroy?.();
  }
}
