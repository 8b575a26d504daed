import { Aggregation, DEFAULT_MAX_ROWS_PER_VIEW, Measure, OVERFLOW_TAGS, Stats, TagMap, View } from '../../src';
import type { Row } from '../../src';
import { takeProcessWarnings } from '../support/process-warnings';

const measure = Measure.int64('test/cardinality/requests', 'Requests', '1');
const userTags = (i: number) => TagMap.from({ user: `u${i}` });
const valueOf = (row: Row) => (row.data as { value: number }).value;
/** Overflow warnings are checked where a test asks for them; elsewhere they would only clutter the output. */
const quiet = (): void => {};

function recordUsers(stats: Stats, users: number, perUser = 1) {
  for (let i = 0; i < users; i++) for (let j = 0; j < perUser; j++) stats.record(measure.m(1), userTags(i));
}

describe('row limits', () => {
  // A Stats without a `warn` sink warns through process.emitWarning: only the overflow warning is expected.
  afterEach(() => {
    for (const w of takeProcessWarnings()) expect(w).toMatchObject({ code: 'GRPC_CENSUS', message: expect.stringMatching(/reached its limit of \d+ rows/) });
  });
  it('defaults to 2000 rows per view, then one overflow row', () => {
    const warn = jest.fn();
    const stats = new Stats({ warn });
    const view = new View({ name: 'per_user', measure, aggregation: Aggregation.count(), tagKeys: ['user'] });
    stats.registerView(view);
    expect(DEFAULT_MAX_ROWS_PER_VIEW).toBe(2000);
    recordUsers(stats, 2000);
    expect(stats.retrieveData(view)).toHaveLength(2000);
    expect(stats.diagnostics.get('overflowMeasurements')).toBe(0);
    expect(warn).not.toHaveBeenCalled();

    recordUsers(stats, 2010);
    const rows = stats.retrieveData(view);
    expect(rows).toHaveLength(2001);
    expect(rows[2000]).toEqual({ tags: { census_overflow: 'true' }, data: { type: 'count', value: 10 } });
    expect(OVERFLOW_TAGS).toEqual({ census_overflow: 'true' });
    expect(stats.diagnostics.get('overflowMeasurements')).toBe(10);
  });

  it('keeps feeding existing rows after the limit', () => {
    const stats = new Stats({ maxRowsPerView: 2, warn: quiet });
    const view = new View({ name: 'v', measure, aggregation: Aggregation.count(), tagKeys: ['user'] });
    stats.registerView(view);
    recordUsers(stats, 3); // u0, u1 rows; u2 overflows
    recordUsers(stats, 2); // u0, u1 again: their rows, not the overflow
    expect(stats.retrieveData(view)).toEqual([
      { tags: { user: 'u0' }, data: { type: 'count', value: 2 } },
      { tags: { user: 'u1' }, data: { type: 'count', value: 2 } },
      { tags: OVERFLOW_TAGS, data: { type: 'count', value: 1 } },
    ]);
  });

  it.each([
    ['a per-view maxRows', { maxRowsPerView: 100 }, 3, 3],
    ['a global maxRowsPerView', { maxRowsPerView: 5 }, undefined, 5],
    ['a per-view maxRows above the global one', { maxRowsPerView: 2 }, 7, 7],
  ])('honours %s', (_what, options, maxRows, limit) => {
    const stats = new Stats({ ...options, warn: quiet });
    const view = new View({ name: 'v', measure, aggregation: Aggregation.sum(), tagKeys: ['user'], maxRows });
    stats.registerView(view);
    recordUsers(stats, 50, 2);
    const rows = stats.retrieveData(view);
    expect(rows).toHaveLength(limit + 1);
    expect(rows.slice(0, limit).map(valueOf)).toEqual(Array(limit).fill(2));
    expect(rows[limit]).toEqual({ tags: OVERFLOW_TAGS, data: { type: 'sum', value: (50 - limit) * 2 } });
    // totals are exact across rows and overflow
    expect(rows.reduce((s, r) => s + valueOf(r), 0)).toBe(100);
    expect(stats.diagnostics.get('overflowMeasurements')).toBe((50 - limit) * 2);
  });

  it('warns once, naming the view, however many measurements overflow', () => {
    const warn = jest.fn();
    const stats = new Stats({ maxRowsPerView: 1, warn });
    const a = new View({ name: 'view_a', measure, aggregation: Aggregation.count(), tagKeys: ['user'] });
    stats.registerView(a);
    recordUsers(stats, 100);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0][0]).toMatch(/view "view_a" reached its limit of 1 rows/);
    const b = new View({ name: 'view_b', measure, aggregation: Aggregation.sum(), tagKeys: ['user'] });
    stats.registerView(b);
    recordUsers(stats, 100);
    expect(warn).toHaveBeenCalledTimes(2);
    expect(warn.mock.calls[1][0]).toMatch(/view "view_b"/);
  });

  it('a distribution overflow row has exact totals too', () => {
    const stats = new Stats({ maxRowsPerView: 3, warn: quiet });
    const view = new View({ name: 'd', measure, aggregation: Aggregation.distribution([5]), tagKeys: ['user'] });
    stats.registerView(view);
    for (let i = 0; i < 10; i++) stats.record(measure.m(i), userTags(i));
    const rows = stats.retrieveData(view);
    expect(rows[3].tags).toEqual(OVERFLOW_TAGS);
    expect(rows[3].data).toMatchObject({ count: 7, sum: 3 + 4 + 5 + 6 + 7 + 8 + 9, min: 3, max: 9, bucketCounts: [2, 5] });
  });

  it('forEachRow visits the rows in creation order, the overflow row last, with frozen tags', () => {
    const stats = new Stats({ maxRowsPerView: 2, warn: quiet });
    const view = new View({ name: 'v', measure, aggregation: Aggregation.count(), tagKeys: ['user'] });
    stats.registerView(view);
    recordUsers(stats, 4);
    const seen: [Readonly<Record<string, string>>, number][] = [];
    stats.forEachRow('v', (tags, data) => seen.push([tags, (data as { value: number }).value]));
    expect(seen).toEqual([[{ user: 'u0' }, 1], [{ user: 'u1' }, 1], [OVERFLOW_TAGS, 2]]);
    expect(seen.every(([tags]) => Object.isFrozen(tags))).toBe(true);
  });

  it('unregistering clears the overflow row', () => {
    const stats = new Stats({ maxRowsPerView: 1, warn: quiet });
    const view = new View({ name: 'v', measure, aggregation: Aggregation.count(), tagKeys: ['user'] });
    stats.registerView(view);
    recordUsers(stats, 5);
    stats.unregisterView(view);
    stats.registerView(view);
    recordUsers(stats, 1);
    expect(stats.retrieveData(view)).toEqual([{ tags: { user: 'u0' }, data: { type: 'count', value: 1 } }]);
  });

  it.each([[0], [-1], [1.5], [NaN]])('rejects maxRowsPerView %p', (n) => {
    expect(() => new Stats({ maxRowsPerView: n })).toThrow(TypeError);
  });
});
