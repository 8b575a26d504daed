import { Aggregation, Measure, Stats, TagMap, View, withTags } from '../../src';

// Stats.recordValue must behave exactly as record(measure.m(value), tags).
describe('Stats.recordValue', () => {
  const ints = Measure.int64('test/record_value/ints', 'ints', '1');
  const floats = Measure.float64('test/record_value/floats', 'floats', 'ms');
  const unviewed = Measure.float64('test/record_value/unviewed', 'no view', 'ms');
  const sumOf = (measure: Measure, name: string) => new View({ name, measure, aggregation: Aggregation.sum(), tagKeys: ['k'] });

  function twoStats() {
    const direct = new Stats();
    const viaRecord = new Stats();
    for (const s of [direct, viaRecord]) s.registerView(sumOf(ints, 'test/rv_ints'), sumOf(floats, 'test/rv_floats'));
    return { direct, viaRecord };
  }

  it('truncates int64 values, keeps float64 ones, and tags rows like record', () => {
    const { direct, viaRecord } = twoStats();
    const tags = TagMap.from({ k: 'a' });
    for (const v of [1.9, -2.7, 3]) {
      direct.recordValue(ints, v, tags);
      direct.recordValue(floats, v, tags);
      viaRecord.record([ints.m(v), floats.m(v)], tags);
    }
    for (const view of ['test/rv_ints', 'test/rv_floats']) expect(direct.retrieveData(view)).toEqual(viaRecord.retrieveData(view));
    expect(direct.retrieveData('test/rv_ints')).toEqual([{ tags: { k: 'a' }, data: { type: 'sum', value: 2 } }]);
  });

  it('counts NaN, ±Infinity and non-numbers as rejected and records nothing for them', () => {
    const { direct } = twoStats();
    for (const v of [NaN, Infinity, -Infinity, '5' as unknown as number]) direct.recordValue(floats, v, TagMap.EMPTY);
    expect(direct.diagnostics.get('rejectedMeasurements')).toBe(4);
    expect(direct.retrieveData('test/rv_floats')).toEqual([]);
  });

  it('reads currentTags() when no tags are given, and ignores a measure no view aggregates', () => {
    const { direct } = twoStats();
    withTags(TagMap.from({ k: 'ctx' }), () => direct.recordValue(floats, 0.5));
    direct.recordValue(unviewed, NaN, TagMap.EMPTY);
    expect(direct.retrieveData('test/rv_floats')).toEqual([{ tags: { k: 'ctx' }, data: { type: 'sum', value: 0.5 } }]);
    expect(direct.diagnostics.get('rejectedMeasurements')).toBe(0);
  });

  it('throws a TypeError for something that is not a Measure', () => {
    expect(() => new Stats().recordValue({ name: 'x' } as unknown as Measure, 1)).toThrow(/recordValue expects a Measure/);
  });

  it('has no underscore alias left: the gRPC plugin records through recordValue', () => {
    expect((new Stats() as unknown as Record<string, unknown>)._recordValue).toBeUndefined();
  });
});
