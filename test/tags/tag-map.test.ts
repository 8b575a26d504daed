import { TagKey, TagMap } from '../../src';

describe('TagMap.from', () => {
  it('builds from a plain object', () => {
    const tags = TagMap.from({ method: 'Echo', status: 'OK' });
    expect([...tags.entries()]).toEqual([
      ['method', 'Echo'],
      ['status', 'OK'],
    ]);
  });

  it('builds from an iterable of [TagKey | string, value] pairs', () => {
    const tags = TagMap.from([
      [TagKey.of('a'), '1'],
      ['b', '2'],
    ]);
    expect(tags.toObject()).toEqual({ a: '1', b: '2' });
  });

  it('builds from a Map and from another TagMap', () => {
    const source = TagMap.from(new Map([['x', 'y']]));
    expect(TagMap.from(source).toObject()).toEqual({ x: 'y' });
  });

  it('lets the last duplicate win, whether given as TagKey or string', () => {
    const tags = TagMap.from([
      ['k', 'first'],
      [TagKey.of('k'), 'second'],
      ['k', 'last'],
    ]);
    expect(tags.size).toBe(1);
    expect(tags.get('k')).toBe('last');
  });

  it('returns EMPTY for no entries', () => {
    expect(TagMap.from({})).toBe(TagMap.EMPTY);
    expect(TagMap.from([])).toBe(TagMap.EMPTY);
  });

  it.each([[null], [undefined], [42], ['k=v']])('rejects %p with a TypeError', (input) => {
    // a string is iterable, but its items are not pairs of a valid key and value
    expect(() => TagMap.from(input as unknown as Record<string, string>)).toThrow(TypeError);
  });
});

describe('TagMap reads', () => {
  const tags = TagMap.from({ a: '1', empty: '' });

  it.each([
    ['a string key', 'a', '1'],
    ['a TagKey', TagKey.of('a'), '1'],
    ['a key set to the empty string', 'empty', ''],
    ['an absent key', 'missing', undefined],
  ] as const)('get with %s', (_what, key, expected) => {
    expect(tags.get(key)).toBe(expected);
  });

  it('has is true for set keys, including empty values', () => {
    expect([tags.has('a'), tags.has(TagKey.of('empty')), tags.has('missing')]).toEqual([true, true, false]);
  });

  it('size, entries, iteration and toObject agree', () => {
    expect(tags.size).toBe(2);
    expect([...tags]).toEqual([...tags.entries()]);
    expect(tags.toObject()).toEqual({ a: '1', empty: '' });
  });

  it('toObject returns a copy', () => {
    const obj = tags.toObject();
    obj.a = 'changed';
    expect(tags.get('a')).toBe('1');
  });

  it('EMPTY is empty', () => {
    expect([TagMap.EMPTY.size, TagMap.EMPTY.toObject(), [...TagMap.EMPTY.entries()]]).toEqual([0, {}, []]);
  });
});

describe('TagMap immutability', () => {
  const original = TagMap.from({ a: '1', b: '2' });

  it('with inserts into a new map, the original unchanged', () => {
    const added = original.with('c', '3');
    expect(added).not.toBe(original);
    expect(added.toObject()).toEqual({ a: '1', b: '2', c: '3' });
    expect(original.toObject()).toEqual({ a: '1', b: '2' });
  });

  it('with replaces (upsert) into a new map, keeping the key position', () => {
    const replaced = original.with(TagKey.of('a'), 'x');
    expect([...replaced.entries()]).toEqual([
      ['a', 'x'],
      ['b', '2'],
    ]);
    expect(original.get('a')).toBe('1');
  });

  it('with the same value returns an equal map', () => {
    expect(original.with('a', '1').toObject()).toEqual(original.toObject());
  });

  it('without removes into a new map, the original unchanged', () => {
    const removed = original.without('a');
    expect(removed.toObject()).toEqual({ b: '2' });
    expect(original.toObject()).toEqual({ a: '1', b: '2' });
    expect(original.without(TagKey.of('b')).without('a')).toBe(TagMap.EMPTY);
  });

  it('without an absent key changes nothing', () => {
    expect(original.without('zzz').toObject()).toEqual({ a: '1', b: '2' });
  });

  it('EMPTY.with leaves EMPTY empty', () => {
    const one = TagMap.EMPTY.with('k', 'v');
    expect(one.size).toBe(1);
    expect(TagMap.EMPTY.size).toBe(0);
  });
});
