import type { Cell } from './cells/cell';
import { cellFactory } from './cells/cell-factory';
import type { Row } from './data';
import type { Diagnostics } from './diagnostics';
import type { View } from './view';

/** Tags of the row that takes every measurement beyond a view's row limit. */
export const OVERFLOW_TAGS: Readonly<Record<string, string>> = Object.freeze({ census_overflow: 'true' });

/** One stored row: its reported tags and its cell. */
export interface StoredRow {
  readonly tags: Readonly<Record<string, string>>;
  readonly cell: Cell;
}

/**
 * The rows of one registered view. The record path (record.ts) finds and
 * creates rows; once `maxRows` rows exist, new tag combinations share one
 * overflow row, so memory stays bounded whatever the tags' cardinality.
 */
export class Collector {
  /** The view's tag key names, in the view's order. */
  readonly keyNames: readonly string[];
  /** This collector's entry in every TagMap's cell cache (see record.ts); reused once the collector is destroyed. */
  readonly slot: number;
  /** Rows by row key (see record.ts). */
  readonly rows = new Map<string, StoredRow>();
  /** The overflow row, created when the first measurement overflows. */
  overflow: StoredRow | undefined;
  /** Makes the cell of a new row. */
  readonly newCell: () => Cell;

  constructor(
    readonly view: View,
    readonly start: Date,
    readonly maxRows: number,
    readonly diagnostics: Diagnostics,
  ) {
    this.keyNames = view.tagKeys.map((k) => k.name);
    this.slot = freeSlots.pop() ?? nextSlot++;
    this.newCell = cellFactory(view, diagnostics);
  }

  /** Calls `fn` for every row, the overflow row last. Rows are live: read, don't keep. */
  forEachRow(fn: (row: StoredRow) => void): void {
    for (const row of this.rows.values()) fn(row);
    if (this.overflow !== undefined) fn(this.overflow);
  }

  /** Number of rows, the overflow row included. */
  get size(): number {
    return this.rows.size + (this.overflow === undefined ? 0 : 1);
  }

  /** A copy of every row's data. */
  snapshot(): Row[] {
    const out: Row[] = [];
    this.forEachRow((row) => out.push({ tags: { ...row.tags }, data: row.cell.snapshot() }));
    return out;
  }

  /** Releases per-row resources (percentile histograms). */
  destroy(): void {
    this.forEachRow((row) => row.cell.destroy?.());
    this.rows.clear();
    this.overflow = undefined;
    // A TagMap may still cache this collector at the slot; record.ts checks
    // the collector stored beside the cell, so a reused slot is never mistaken.
    freeSlots.push(this.slot);
  }
}

/** Slots of destroyed collectors, reused so that TagMap caches stay short. */
const freeSlots: number[] = [];
let nextSlot = 0;
