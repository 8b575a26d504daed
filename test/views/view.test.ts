import { Aggregation, Measure, TagKey, View } from '../../src';

const measure = Measure.float64('test/view/latency', 'Latency of things', 'ms');
const base = { name: 'test/view', measure, aggregation: Aggregation.count() };

describe('View definitions', () => {
  it('keeps what it was given, tag keys as TagKeys in the given order', () => {
    const view = new View({ ...base, description: 'Counted', tagKeys: ['zeta', TagKey.of('alpha')] });
    expect(view.name).toBe('test/view');
    expect(view.description).toBe('Counted');
    expect(view.measure).toBe(measure);
    expect(view.aggregation).toBe(Aggregation.count());
    expect(view.tagKeys).toEqual([TagKey.of('zeta'), TagKey.of('alpha')]); // never sorted
    expect(view.tagKeys[0]).toBe(TagKey.of('zeta'));
  });

  it("defaults the description to the measure's and tag keys to none", () => {
    const view = new View(base);
    expect(view.description).toBe('Latency of things');
    expect(view.tagKeys).toEqual([]);
    expect(view.maxRows).toBeUndefined();
  });

  it("is frozen and does not keep the caller's tagKeys array", () => {
    const keys = ['a', 'b'];
    const view = new View({ ...base, tagKeys: keys });
    keys.push('c');
    expect(view.tagKeys.map((k) => k.name)).toEqual(['a', 'b']);
    expect(Object.isFrozen(view)).toBe(true);
    expect(Object.isFrozen(view.tagKeys)).toBe(true);
  });

  it.each([
    ['an empty name', { ...base, name: '' }, /Invalid view name ""/],
    ['a name of 256 characters', { ...base, name: 'v'.repeat(256) }, /Invalid view name/],
    ['a non-printable name', { ...base, name: 'a\nb' }, /Invalid view name/],
    ['a non-string name', { ...base, name: 7 }, /Invalid view name 7/],
    ['no measure', { ...base, measure: undefined }, /measure must be a Measure/],
    ['a measure-like object', { ...base, measure: { name: 'm' } }, /measure must be a Measure/],
    ['an aggregation-like object', { ...base, aggregation: { type: 'count' } }, /aggregation must come from/],
    ['a non-string description', { ...base, description: 5 }, /description must be a string/],
    ['a duplicate tag key', { ...base, tagKeys: ['a', 'b', 'a'] }, /tag key "a" is listed twice/],
    ['a duplicate tag key given as TagKey and string', { ...base, tagKeys: [TagKey.of('a'), 'a'] }, /listed twice/],
    ['an invalid tag key', { ...base, tagKeys: [''] }, /Invalid tag key ""/],
    ['tagKeys not an array', { ...base, tagKeys: 'a' }, /tagKeys must be an array/],
    ['maxRows 0', { ...base, maxRows: 0 }, /maxRows must be a positive integer/],
    ['fractional maxRows', { ...base, maxRows: 1.5 }, /maxRows must be a positive integer/],
    ['an unknown field', { ...base, tagkeys: ['a'] }, /View "test\/view": unknown option "tagkeys" \(known: name, description, measure, aggregation, tagKeys, maxRows\)/],
  ])('rejects %s with a TypeError', (_what, def, message) => {
    expect(() => new View(def as never)).toThrow(TypeError);
    expect(() => new View(def as never)).toThrow(message);
  });

  it.each([[null], [undefined], ['view']])('rejects a definition that is %p', (def) => {
    expect(() => new View(def as never)).toThrow(TypeError);
  });
});

describe('View.sameDefinition', () => {
  const make = (over: Partial<ConstructorParameters<typeof View>[0]> = {}) =>
    new View({ ...base, aggregation: Aggregation.distribution([1, 2]), tagKeys: ['a', 'b'], ...over });

  it('is true for separately built equal views', () => {
    expect(make().sameDefinition(make())).toBe(true);
  });

  it.each([
    ['description', { description: 'other' }],
    ['measure', { measure: Measure.float64('test/view/other', 'Latency of things', 'ms') }],
    ['aggregation bounds', { aggregation: Aggregation.distribution([1, 3]) }],
    ['tag key order', { tagKeys: ['b', 'a'] }],
    ['tag keys', { tagKeys: ['a'] }],
    ['maxRows', { maxRows: 10 }],
  ])('is false when the %s differs', (_what, over) => {
    expect(make().sameDefinition(make(over))).toBe(false);
  });
});
