import { Aggregation, Measure, Stats, TagMap, View } from '../../src';
import { fc } from '../support/fast-check';

// The record path caches a TagMap's cell per view on the TagMap, at the
// view collector's slot; slots are reused once a view is unregistered. These
// pin that a reused TagMap never records into a stale cell: not after views
// come and go, not across registries, not in the overflow row.
const measures = [0, 1].map((i) => Measure.float64(`test/cell-cache/m${i}`, 'cell cache test', '1'));
const countView = (name: string, measure: Measure, maxRows?: number) =>
  new View({ name, measure, aggregation: Aggregation.count(), tagKeys: ['k'], ...(maxRows === undefined ? {} : { maxRows }) });
const counts = (stats: Stats, name: string) =>
  Object.fromEntries(stats.retrieveData(name).map((r) => [r.tags.k ?? (r.tags.census_overflow ? 'overflow' : ''), (r.data as { value: number }).value]));

describe('record cell cache', () => {
  it("records into a view that took an unregistered view's slot, never into the old view's cell", () => {
    const stats = new Stats();
    const tags = TagMap.from({ k: 'a' });
    stats.registerView(countView('old', measures[0]));
    stats.record(measures[0].m(1), tags); // caches the cell of 'old' on `tags`
    stats.unregisterView('old');
    stats.registerView(countView('new', measures[1])); // takes the freed slot
    stats.record(measures[1].m(1), tags);
    stats.record(measures[1].m(1), tags);
    expect(counts(stats, 'new')).toEqual({ a: 2 });
    stats.registerView(countView('old', measures[0])); // a new collector: its rows start empty
    stats.record(measures[0].m(1), tags);
    expect(counts(stats, 'old')).toEqual({ a: 1 });
    expect(counts(stats, 'new')).toEqual({ a: 2 });
    stats.unregisterView('old', 'new');
  });

  it('counts every overflowed measurement of a reused TagMap, and keeps its row afterwards', () => {
    const warnings: string[] = [];
    const stats = new Stats({ warn: (m) => warnings.push(m) });
    stats.registerView(countView('full', measures[0], 1));
    const first = TagMap.from({ k: 'first' });
    const late = TagMap.from({ k: 'late' });
    stats.record(measures[0].m(1), first);
    for (let i = 0; i < 5; i++) stats.record(measures[0].m(1), late);
    stats.record(measures[0].m(1), first);
    expect(counts(stats, 'full')).toEqual({ first: 2, overflow: 5 });
    expect(stats.diagnostics.get('overflowMeasurements')).toBe(5);
    expect(warnings).toEqual([expect.stringContaining('view "full" reached its limit of 1 rows')]);
    stats.unregisterView('full');
  });

  it('matches a model over random registrations, unregistrations and records on reused TagMaps and two registries', () => {
    const tagMaps = ['a', 'b', 'c'].map((v) => TagMap.from({ k: v }));
    const op = fc.oneof(
      fc.record({ kind: fc.constant('register' as const), stats: fc.nat(1), view: fc.nat(2) }),
      fc.record({ kind: fc.constant('unregister' as const), stats: fc.nat(1), view: fc.nat(2) }),
      fc.record({ kind: fc.constant('record' as const), stats: fc.nat(1), measure: fc.nat(1), tags: fc.nat(2) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
        const registries = [new Stats(), new Stats()];
        // View i of registry s aggregates measure i % 2; the model keeps its counts by tag value.
        const model = registries.map(() => new Map<number, Record<string, number>>());
        for (const o of ops) {
          const stats = registries[o.stats];
          const views = model[o.stats];
          if (o.kind === 'register' && !views.has(o.view)) {
            stats.registerView(countView(`v${o.view}`, measures[o.view % 2]));
            views.set(o.view, {});
          } else if (o.kind === 'unregister' && views.has(o.view)) {
            stats.unregisterView(`v${o.view}`);
            views.delete(o.view);
          } else if (o.kind === 'record') {
            stats.record(measures[o.measure].m(1), tagMaps[o.tags]);
            const value = ['a', 'b', 'c'][o.tags];
            for (const [view, rows] of views) if (view % 2 === o.measure) rows[value] = (rows[value] ?? 0) + 1;
          }
        }
        registries.forEach((stats, s) => {
          for (const [view, rows] of model[s]) expect(counts(stats, `v${view}`)).toEqual(rows);
          stats.unregisterView(...[...model[s].keys()].map((v) => `v${v}`));
        });
      }),
      { numRuns: 300 },
    );
  });
});
