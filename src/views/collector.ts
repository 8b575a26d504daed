import type { TagMap } from '../tags/tag-map';
import type { Cell } from './cells/cell';
import { makeCell } from './cells/make-cell';
import type { Row } from './data';
import type { Diagnostics } from './diagnostics';
import { TagLayout } from './tag-layout';
import type { View } from './view';

/** Tags of the row that takes every measurement beyond a view's row limit. */
export const OVERFLOW_TAGS: Readonly<Record<string, string>> = Object.freeze({ census_overflow: 'true' });

/** One stored row: its reported tags and its cell. */
export interface StoredRow {
  readonly tags: Readonly<Record<string, string>>;
  readonly cell: Cell;
}

/**
 * The rows of one registered view. Rows are created on first use; once
 * `maxRows` rows exist, new tag combinations share one overflow row, so memory
 * stays bounded whatever the tags' cardinality.
 */
export class Collector {
  readonly layout: TagLayout;
  readonly rows = new Map<string, StoredRow>();
  private overflow: StoredRow | undefined;

  constructor(
    readonly view: View,
    readonly start: Date,
    readonly maxRows: number,
    private readonly diagnostics: Diagnostics,
  ) {
    this.layout = new TagLayout(view.tagKeys.map((k) => k.name));
  }

  /** The cell for `tags`, creating its row, or the overflow row when the view is full. */
  cellFor(tags: TagMap): Cell {
    const key = this.layout.rowKey(tags);
    const row = this.rows.get(key);
    if (row !== undefined) return row.cell;
    if (this.rows.size >= this.maxRows) return this.overflowCell();
    const created: StoredRow = { tags: Object.freeze(this.layout.rowTags(tags)), cell: makeCell(this.view) };
    this.rows.set(key, created);
    return created.cell;
  }

  private overflowCell(): Cell {
    this.diagnostics.increment('overflowMeasurements');
    if (this.overflow === undefined) {
      this.overflow = { tags: OVERFLOW_TAGS, cell: makeCell(this.view) };
      this.diagnostics.warnOnce(
        `overflow:${this.view.name}`,
        `grpc-census: view ${JSON.stringify(this.view.name)} reached its limit of ${this.maxRows} rows; measurements with new tag values ` +
          `now go to the overflow row {census_overflow="true"}. Keep high-cardinality tags out of views, or raise maxRows.`,
      );
    }
    return this.overflow.cell;
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
    this.forEachRow((row) => (row.cell as { destroy?: () => void }).destroy?.());
    this.rows.clear();
    this.overflow = undefined;
  }
}
