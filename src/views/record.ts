import { Measure, type Measurement } from '../measures/measure';
import { setOwn } from '../internal/own-property';
import { currentTags } from '../tags/context';
import { TagMap } from '../tags/tag-map';
import type { Cell } from './cells/cell';
import { OverflowCell } from './cells/overflow-cell';
import { OVERFLOW_TAGS, type Collector, type StoredRow } from './collector';
import type { Diagnostics } from './diagnostics';

// The record hot path, top to bottom. `Stats.record` and `Stats.recordValue`
// land here; for each measurement:
//   1. measure lookup: return at once when no view anywhere aggregates the
//      measure (one field read), else find this registry's collectors (one
//      per view of the measure), cached on the measure;
//   2. value check: NaN, ±Infinity and non-numbers are counted and dropped,
//      int64 values truncated, -0 made 0 (off the common path);
//   3. cell: the TagMap's cell in the view, cached on the TagMap per view;
//      on a miss, the row key (4) finds the row, or creates it, or the
//      overflow row once the view is full; then `cell.add(value)` (one file
//      per aggregation, cells/).
// Once a row exists and the TagMap has been seen, nothing here allocates.

/** What the record path needs from a registry. */
export interface RecordTarget {
  readonly byMeasure: ReadonlyMap<Measure, Collector[]>;
  readonly diagnostics: Diagnostics;
}

/** `Stats.record`: one Measurement or an array of them. */
export function recordMeasurements(target: RecordTarget, measurements: Measurement | readonly Measurement[], tags: TagMap | undefined): void {
  if (Array.isArray(measurements)) {
    for (let i = 0; i < measurements.length; i++) recordMeasurement(target, measurements[i], tags);
  } else {
    recordMeasurement(target, measurements as Measurement, tags);
  }
}

function recordMeasurement(target: RecordTarget, m: Measurement, tags: TagMap | undefined): void {
  const measure = m?.measure;
  if (!(measure instanceof Measure)) throw new TypeError(`record expects Measurements (measure.m(value)), got ${String(m)}`);
  record(target, measure, m.value, tags);
}

/** `Stats.recordValue`: `record(measure.m(value), tags)` without the Measurement. */
export function recordValue(target: RecordTarget, measure: Measure, value: number, tags: TagMap | undefined): void {
  if (!(measure instanceof Measure)) throw new TypeError(`recordValue expects a Measure, got ${String(measure)}`);
  record(target, measure, value, tags);
}

function record(target: RecordTarget, measure: Measure, value: number, tags: TagMap | undefined): void {
  // 1. Measure lookup.
  const cache = measure._recordCache;
  if (cache.viewCount === 0) return;
  const collectors = (cache.owner === target ? cache.collectors : lookUp(target, measure)) as Collector[] | undefined;
  if (collectors === undefined) return;

  // 2. Value check. `value - value` is 0 exactly for finite numbers.
  if (typeof value !== 'number' || value - value !== 0) {
    target.diagnostics.increment('rejectedMeasurements');
    return;
  }
  const t = tags === undefined ? currentTags() : tags;
  if (!(t instanceof TagMap)) throw new TypeError('record expects tags to be a TagMap');

  // A value that needs no change goes on exactly as it came: merging it with a
  // computed number in one variable let V8 box a fresh heap number per call
  // (test/views/record-allocation). The rare rest: -0 becomes 0, so min, max
  // and last values never depend on which zero came first, and a hand-built
  // int64 { measure, value } that skipped m() is truncated here.
  if (value === 0 || (measure.type === 'int64' && Math.trunc(value) !== value)) {
    addAdjusted(collectors, t, value === 0 ? 0 : Math.trunc(value) + 0);
    return;
  }
  for (let i = 0; i < collectors.length; i++) cellFor(collectors[i], t).add(value);
}

/** The rare path of `record`, apart so that the common one keeps its value untouched. */
function addAdjusted(collectors: Collector[], tags: TagMap, value: number): void {
  for (let i = 0; i < collectors.length; i++) cellFor(collectors[i], tags).add(value);
}

/**
 * The collectors of `measure` in `target`, remembered on the measure: one
 * entry (the last registry that asked), which is all a program with one
 * `Stats` needs. `viewsChanged` clears it.
 */
function lookUp(target: RecordTarget, measure: Measure): Collector[] | undefined {
  const collectors = target.byMeasure.get(measure);
  const cache = measure._recordCache;
  cache.owner = target;
  cache.collectors = collectors;
  return collectors;
}

/** Called by registries when a view of `measure` is registered (+1) or unregistered (−1). */
export function viewsChanged(measure: Measure, delta: 1 | -1): void {
  const cache = measure._recordCache;
  cache.viewCount += delta;
  cache.owner = undefined;
  cache.collectors = undefined;
}

/**
 * 3. The cell of `tags` in `collector`: cached on the TagMap at the
 * collector's slot, beside the collector itself (a slot is reused once its
 * collector is destroyed, so the entry must name its owner). An array read
 * and one comparison per view once the pair has been seen; safe because a
 * TagMap never changes and rows are never removed from a live collector.
 */
function cellFor(collector: Collector, tags: TagMap): Cell {
  const cache = tags._cells;
  const at = collector.slot * 2;
  if (cache !== undefined && cache[at] === collector) return cache[at + 1] as Cell;
  return findCell(collector, tags, at);
}

/** The first record of `tags` in `collector`: its row's cell (the row made if new), cached on the TagMap. */
function findCell(collector: Collector, tags: TagMap, at: number): Cell {
  const key = rowKey(collector.keyNames, tags);
  const row = collector.rows.get(key);
  const cell = row !== undefined ? row.cell : collector.rows.size < collector.maxRows ? newRow(collector, key, tags) : overflowCell(collector);
  const cache = (tags._cells ??= []);
  cache[at] = collector;
  cache[at + 1] = cell;
  return cell;
}

/**
 * 4. The row key of `tags` for the view's tag key names: each key's value, in
 * the view's key order, prefixed by its length as one char (values are at
 * most 255 chars), so no two value lists share a key and no value needs
 * escaping. Absent and empty values both encode as length 0 (as in
 * opencensus-go), so they share a row.
 */
function rowKey(names: readonly string[], tags: TagMap): string {
  let key = '';
  for (let i = 0; i < names.length; i++) {
    const value = tags.get(names[i]);
    key += value === undefined ? '\u0000' : String.fromCharCode(value.length) + value;
  }
  return key;
}

function newRow(collector: Collector, key: string, tags: TagMap): Cell {
  // The row reports the non-empty values of the view's keys only.
  const rowTags: Record<string, string> = {};
  for (const name of collector.keyNames) {
    const value = tags.get(name);
    if (value) setOwn(rowTags, name, value);
  }
  const row: StoredRow = { tags: Object.freeze(rowTags), cell: collector.newCell() };
  collector.rows.set(key, row);
  return row.cell;
}

/** The overflow row's cell once the view is full; it counts each value it takes (OverflowCell). */
function overflowCell(collector: Collector): Cell {
  if (collector.overflow === undefined) {
    collector.overflow = { tags: OVERFLOW_TAGS, cell: new OverflowCell(collector.newCell(), collector.diagnostics) };
    collector.diagnostics.warnOnce(
      `overflow:${collector.view.name}`,
      `grpc-census: view ${JSON.stringify(collector.view.name)} reached its limit of ${collector.maxRows} rows; measurements with new tag values ` +
        `now go to the overflow row {census_overflow="true"}. Keep high-cardinality tags out of views, or raise maxRows.`,
    );
  }
  return collector.overflow.cell;
}
