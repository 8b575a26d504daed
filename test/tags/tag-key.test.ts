import { TagKey, TagMap } from '../../src';

// One table for every place a key or value is validated (ocgo tag/validate_test.go style).
const badKeys: [string, unknown][] = [
  ['empty', ''],
  ['256 characters', 'k'.repeat(256)],
  ['a control character', 'a\u0001b'],
  ['DEL (0x7f)', 'a\u007f'],
  ['non-ASCII', 'clé'],
  ['a newline', 'key\n'],
  ['a number', 5],
  ['undefined', undefined],
];

const badValues: [string, unknown][] = [
  ['256 characters', 'v'.repeat(256)],
  ['a control character', 'x\u0000'],
  ['DEL (0x7f)', '\u007f'],
  ['non-ASCII', 'é'],
  ['a number', 5],
  ['null', null],
  ['undefined', undefined],
];

describe('TagKey.of', () => {
  it.each(badKeys)('rejects a key that is %s with a TypeError', (_what, name) => {
    expect(() => TagKey.of(name as string)).toThrow(TypeError);
  });

  it.each([
    ['one character', 'k'],
    ['255 characters', 'k'.repeat(255)],
    ['spaces and punctuation (0x20–0x7E)', ' !"#~}'],
  ])('accepts a key of %s', (_what, name) => {
    expect(TagKey.of(name).name).toBe(name);
  });

  it('interns keys', () => {
    expect(TagKey.of('interned')).toBe(TagKey.of('interned'));
    expect(String(TagKey.of('interned'))).toBe('interned');
  });
});

describe('TagMap key and value validation', () => {
  it.each(badKeys)('TagMap.from rejects a key that is %s', (_what, key) => {
    expect(() => TagMap.from([[key as string, 'v']])).toThrow(TypeError);
  });

  it.each(badKeys)('TagMap.with rejects a key that is %s', (_what, key) => {
    expect(() => TagMap.EMPTY.with(key as string, 'v')).toThrow(TypeError);
  });

  it.each(badValues)('rejects a value that is %s, naming the key', (_what, value) => {
    expect(() => TagMap.from({ region: value as string })).toThrow(TypeError);
    expect(() => TagMap.from({ region: value as string })).toThrow(/tag key "region"/);
    expect(() => TagMap.EMPTY.with('region', value as string)).toThrow(/tag key "region"/);
    expect(() => TagMap.from([[TagKey.of('region'), value as string]])).toThrow(/tag key "region"/);
  });

  it.each([
    ['empty', ''],
    ['255 characters', 'v'.repeat(255)],
    ['all printable ASCII', Array.from({ length: 95 }, (_, i) => String.fromCharCode(0x20 + i)).join('')],
  ])('accepts a value that is %s', (_what, value) => {
    expect(TagMap.from({ k: value }).get('k')).toBe(value);
  });
});
