import { Aggregation, Measure, Stats, TagMap, View } from '../../src';

// Bug: `__proto__` is a valid tag key (printable ASCII), but row tags and
// TagMap.toObject() were built with plain assignment, which sets the object's
// prototype instead of a property: the tag vanished, and rows that differ only
// in it were reported with identical tags (a duplicate series for exporters).
describe('a tag key named __proto__', () => {
  const measure = Measure.int64('test/regression/proto', 'Items', '1');

  it('is kept by TagMap.toObject', () => {
    const obj = TagMap.from([['__proto__', 'x'], ['a', 'b']]).toObject();
    expect(Object.keys(obj)).toEqual(['__proto__', 'a']);
    expect(JSON.stringify(obj)).toBe('{"__proto__":"x","a":"b"}');
    expect(Object.getPrototypeOf(obj)).toBe(Object.prototype);
  });

  it('is reported in view rows, keeping rows apart', () => {
    const stats = new Stats();
    const view = new View({ name: 'proto', measure, aggregation: Aggregation.count(), tagKeys: ['__proto__', 'k'] });
    stats.registerView(view);
    stats.record(measure.m(1), TagMap.from([['__proto__', 'x'], ['k', 'v']]));
    stats.record(measure.m(1), TagMap.from({ k: 'v' }));
    const rows = stats.retrieveData(view);
    expect(rows.map((r) => JSON.stringify(r.tags))).toEqual(['{"__proto__":"x","k":"v"}', '{"k":"v"}']);
    const seen: string[] = [];
    stats.forEachRow(view, (tags) => seen.push(Object.keys(tags).join()));
    expect(seen).toEqual(['__proto__,k', 'k']);
  });
});
