import { Aggregation, Measure, Stats, TagMap, View, withTags } from '../../src';
import type { Measurement, Row } from '../../src';

const items = Measure.int64('test/record/items', 'Items', '1');
const latency = Measure.float64('test/record/latency', 'Latency', 'ms');
const unviewed = Measure.int64('test/record/unviewed', 'No view', '1');

function setup() {
  const stats = new Stats();
  const byMethod = new View({ name: 'by_method', measure: items, aggregation: Aggregation.sum(), tagKeys: ['method', 'status'] });
  const total = new View({ name: 'total', measure: items, aggregation: Aggregation.count() });
  const lat = new View({ name: 'lat', measure: latency, aggregation: Aggregation.sum(), tagKeys: ['method'] });
  stats.registerView(byMethod, total, lat);
  return { stats, byMethod, total, lat };
}

const tagsOf = (r: Row) => JSON.stringify(r.tags);
const sorted = (rows: Row[]) => [...rows].sort((a, b) => (tagsOf(a) < tagsOf(b) ? -1 : tagsOf(a) > tagsOf(b) ? 1 : 0));

describe('Stats.record', () => {
  it('records with explicit tags, one row per distinct value list, visible at once', () => {
    const { stats, byMethod } = setup();
    stats.record(items.m(2), TagMap.from({ method: 'A', status: 'OK' }));
    stats.record(items.m(3), TagMap.from({ status: 'OK', method: 'A' })); // same values, other insertion order
    stats.record(items.m(5), TagMap.from({ method: 'B', status: 'OK' }));
    expect(sorted(stats.retrieveData(byMethod))).toEqual([
      { tags: { method: 'A', status: 'OK' }, data: { type: 'sum', value: 5 } },
      { tags: { method: 'B', status: 'OK' }, data: { type: 'sum', value: 5 } },
    ]);
  });

  it('feeds every view of the measure', () => {
    const { stats, byMethod, total } = setup();
    stats.record(items.m(4), TagMap.from({ method: 'A' }));
    expect(stats.retrieveData(byMethod)).toEqual([{ tags: { method: 'A' }, data: { type: 'sum', value: 4 } }]);
    expect(stats.retrieveData(total)).toEqual([{ tags: {}, data: { type: 'count', value: 1 } }]);
  });

  it('defaults the tags to currentTags()', async () => {
    const { stats, byMethod } = setup();
    await withTags(TagMap.from({ method: 'ctx' }), async () => {
      await new Promise((r) => setTimeout(r, 1));
      stats.record(items.m(7));
    });
    stats.record(items.m(1)); // outside any scope: EMPTY
    expect(sorted(stats.retrieveData(byMethod))).toEqual([
      { tags: { method: 'ctx' }, data: { type: 'sum', value: 7 } },
      { tags: {}, data: { type: 'sum', value: 1 } },
    ]);
  });

  it('explicit tags win over the context', () => {
    const { stats, byMethod } = setup();
    withTags(TagMap.from({ method: 'ctx' }), () => stats.record(items.m(1), TagMap.from({ method: 'explicit' })));
    expect(stats.retrieveData(byMethod)).toEqual([{ tags: { method: 'explicit' }, data: { type: 'sum', value: 1 } }]);
  });

  it('omits tags that are not view keys from the row', () => {
    const { stats, byMethod } = setup();
    stats.record(items.m(1), TagMap.from({ method: 'A', user: 'u1' }));
    stats.record(items.m(1), TagMap.from({ method: 'A', user: 'u2' }));
    expect(stats.retrieveData(byMethod)).toEqual([{ tags: { method: 'A' }, data: { type: 'sum', value: 2 } }]);
  });

  it('puts an empty value in the same row as an absent one, and omits it', () => {
    const { stats, byMethod } = setup();
    stats.record(items.m(1), TagMap.from({ method: 'A', status: '' }));
    stats.record(items.m(1), TagMap.from({ method: 'A' }));
    expect(stats.retrieveData(byMethod)).toEqual([{ tags: { method: 'A' }, data: { type: 'sum', value: 2 } }]);
  });

  it('never confuses value lists that concatenate alike', () => {
    const { stats, byMethod } = setup();
    stats.record(items.m(1), TagMap.from({ method: 'ab', status: 'c' }));
    stats.record(items.m(1), TagMap.from({ method: 'a', status: 'bc' }));
    stats.record(items.m(1), TagMap.from({ status: 'abc' }));
    expect(stats.retrieveData(byMethod)).toHaveLength(3);
  });

  it('does nothing for a measure with no view, whatever the value or tags', () => {
    const { stats } = setup();
    stats.record(unviewed.m(NaN));
    stats.record(unviewed.m(1), 'not a TagMap' as unknown as TagMap); // the no-view fast path never reads tags
    expect(stats.diagnostics.snapshot()).toEqual({});
  });

  it('accepts arrays of measurements, each with its own measure', () => {
    const { stats, total, lat } = setup();
    stats.record([items.m(1), latency.m(2.5), items.m(1), latency.m(0.25)], TagMap.from({ method: 'A' }));
    expect(stats.retrieveData(total)).toEqual([{ tags: {}, data: { type: 'count', value: 2 } }]);
    expect(stats.retrieveData(lat)).toEqual([{ tags: { method: 'A' }, data: { type: 'sum', value: 2.75 } }]);
    stats.record([]);
    expect(stats.retrieveData(total)).toEqual([{ tags: {}, data: { type: 'count', value: 2 } }]);
  });

  it.each([
    ['NaN', NaN],
    ['Infinity', Infinity],
    ['-Infinity', -Infinity],
    ['a string', '5'],
    ['undefined', undefined],
    ['a bigint', BigInt(5)],
  ])('drops %s without throwing and counts it in rejectedMeasurements', (_what, value) => {
    const { stats, lat } = setup();
    const bad = { measure: latency, value } as unknown as Measurement;
    expect(() => stats.record(bad)).not.toThrow();
    expect(() => stats.record([latency.m(1), bad, latency.m(2)], TagMap.EMPTY)).not.toThrow();
    expect(stats.diagnostics.get('rejectedMeasurements')).toBe(2);
    expect(stats.retrieveData(lat)).toEqual([{ tags: {}, data: { type: 'sum', value: 3 } }]);
  });

  it('an int64 measure rejects NaN from m() too', () => {
    const { stats, total } = setup();
    stats.record(items.m(NaN), TagMap.EMPTY);
    expect(stats.retrieveData(total)).toEqual([]);
    expect(stats.diagnostics.get('rejectedMeasurements')).toBe(1);
  });

  it.each([
    ['undefined', undefined],
    ['null', null],
    ['a number', 5],
    ['an object without a Measure', { measure: { name: 'x' }, value: 1 }],
    ['an array holding a non-Measurement', [{ value: 1 }]],
  ])('throws TypeError for %s (a programming error)', (_what, arg) => {
    const { stats } = setup();
    expect(() => stats.record(arg as unknown as Measurement)).toThrow(TypeError);
  });

  it('throws TypeError for tags that are not a TagMap when a view needs them', () => {
    const { stats } = setup();
    expect(() => stats.record(items.m(1), { method: 'A' } as unknown as TagMap)).toThrow(TypeError);
  });
});
