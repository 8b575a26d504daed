import { Aggregation, Measure, Stats, TagMap, View } from '../../src';

// The record path caches a measure's collectors on the measure (one entry:
// the registry that looked last). These pin that the cache never serves a
// stale answer when registries alternate or views come and go.
const measure = Measure.float64('test/lookup-cache/m', 'cache test', 'ms');
const countView = (name: string) => new View({ name, measure, aggregation: Aggregation.count() });
const total = (stats: Stats, name: string) => stats.retrieveData(name).reduce((s, r) => s + (r.data as { value: number }).value, 0);

describe('record lookup cache', () => {
  it('keeps two Stats that record the same measure apart', () => {
    const a = new Stats();
    const b = new Stats();
    a.registerView(countView('a'));
    b.registerView(countView('b'));
    for (let i = 0; i < 5; i++) {
      a.record(measure.m(1), TagMap.EMPTY);
      b.record(measure.m(1), TagMap.EMPTY);
      b.record(measure.m(1), TagMap.EMPTY);
    }
    expect([total(a, 'a'), total(b, 'b')]).toEqual([5, 10]);
    a.unregisterView('a');
    b.unregisterView('b');
  });

  it('sees a view registered after a record that found none in this Stats', () => {
    const other = new Stats();
    other.registerView(countView('other')); // the measure has a view somewhere, so record looks it up here
    const stats = new Stats();
    stats.record(measure.m(1), TagMap.EMPTY); // caches "no collectors" for `stats`
    stats.registerView(countView('late'));
    stats.record(measure.m(1), TagMap.EMPTY);
    expect(total(stats, 'late')).toBe(1);
    expect(total(other, 'other')).toBe(0);
    other.unregisterView('other');
    stats.unregisterView('late');
  });

  it('stops recording into a view once it is unregistered, and resumes on a second view', () => {
    const stats = new Stats();
    stats.registerView(countView('first'), countView('second'));
    stats.record(measure.m(1), TagMap.EMPTY);
    stats.unregisterView('first');
    stats.record(measure.m(1), TagMap.EMPTY);
    expect(total(stats, 'second')).toBe(2);
    expect(() => stats.retrieveData('first')).toThrow('not registered');
    stats.registerView(countView('first'));
    stats.record(measure.m(1), TagMap.EMPTY);
    expect([total(stats, 'first'), total(stats, 'second')]).toEqual([1, 3]);
    stats.unregisterView('first', 'second');
  });
});
