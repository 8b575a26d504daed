import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Aggregation, Measure, OVERFLOW_TAGS, Stats, TagMap, View } from '../../src';

// A memory bound, not a timing one: 1e6 distinct tag values must not grow the
// heap by more than the view's bounded rows. Without the row limit, 1e6 rows
// of row key + frozen tags + cell cost well over 200 MB.
const DISTINCT = 1_000_000;
const HEAP_GROWTH_LIMIT = 20 * 1024 * 1024; // generous: 2000 rows take about 1 MB

/** A real collector: `global.gc` when node runs with --expose-gc, else one obtained through V8 flags. */
function gcFunction(): () => void {
  const g = (globalThis as { gc?: () => void }).gc;
  if (g) return g;
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

function heapAfterGc(gc: () => void): number {
  for (let i = 0; i < 3; i++) gc();
  return process.memoryUsage().heapUsed;
}

it('1e6 distinct tag values in one view keep the heap bounded', () => {
  const gc = gcFunction();
  const measure = Measure.int64('test/cardinality/memory', 'Requests', '1');
  const stats = new Stats({ warn: () => undefined });
  const view = new View({ name: 'per_request_id', measure, aggregation: Aggregation.distribution([10, 100]), tagKeys: ['id'] });
  stats.registerView(view);
  const before = heapAfterGc(gc);

  const base = TagMap.from({ id: 'x' });
  for (let i = 0; i < DISTINCT; i++) stats.record(measure.m(i % 200), base.with('id', `request-${i}`));

  const growth = heapAfterGc(gc) - before;
  const rows = stats.retrieveData(view);
  expect(rows).toHaveLength(2001);
  expect(rows[2000].tags).toEqual(OVERFLOW_TAGS);
  expect(rows.reduce((s, r) => s + (r.data as { count: number }).count, 0)).toBe(DISTINCT);
  expect(stats.diagnostics.get('overflowMeasurements')).toBe(DISTINCT - 2000);
  expect(growth).toBeLessThan(HEAP_GROWTH_LIMIT);
});
