import { TAG_CONTEXT_MAX_BYTES, TagMap, TagsDecodeError, TagsEncodeError, decodeTags, encodeTags } from '../../src';

const hex = (buf: Uint8Array) => Buffer.from(buf).toString('hex').replace(/(..)(?!$)/g, '$1 ');
const bytes = (s: string) => Buffer.from(s.replace(/\s+/g, ''), 'hex');

describe('encodeTags: byte-exact vectors', () => {
  it.each([
    ['the empty map', TagMap.EMPTY, '00'],
    ['k1=ab', TagMap.from({ k1: 'ab' }), '00 00 02 6b 31 02 61 62'],
    ['an empty value', TagMap.from({ k: '' }), '00 00 01 6b 00'],
    ['two tags in map order', TagMap.from([['b', '1'], ['a', '2']]), '00 00 01 62 01 31 00 01 61 01 32'],
  ])('%s', (_what, tags, expected) => {
    expect(hex(encodeTags(tags))).toBe(expected);
  });

  it('a 200-char value gets the 2-byte varint c8 01', () => {
    const buf = encodeTags(TagMap.from({ k: 'v'.repeat(200) }));
    expect(hex(buf.subarray(0, 6))).toBe('00 00 01 6b c8 01');
    expect(buf.length).toBe(6 + 200);
  });

  it('a 127-char value still fits one varint byte, 128 needs two', () => {
    expect(encodeTags(TagMap.from({ k: 'v'.repeat(127) }))[4]).toBe(0x7f);
    expect(hex(encodeTags(TagMap.from({ k: 'v'.repeat(128) })).subarray(4, 6))).toBe('80 01');
  });
});

describe('decodeTags: valid input', () => {
  it.each([
    ['k1=ab', '00 00 02 6b 31 02 61 62', { k1: 'ab' }],
    ['the version byte alone', '00', {}],
    ['an empty value', '00 00 01 6b 00', { k: '' }],
    ['a duplicate key: the last wins', '00 00 01 6b 01 31 00 01 6b 01 32', { k: '2' }],
    ['an unknown field id: stops, keeping earlier tags', '00 00 01 61 01 31 01 01 62 01 32', { a: '1' }],
    ['an unknown field id first: empty', '00 02 ff ff', {}],
  ])('%s', (_what, input, expected) => {
    expect(decodeTags(bytes(input)).toObject()).toEqual(expected);
  });

  it('keeps map order, a duplicate taking its last position', () => {
    const tags = decodeTags(bytes('00 00 01 61 01 31 00 01 62 01 32 00 01 61 01 33'));
    expect([...tags.entries()]).toEqual([
      ['b', '2'],
      ['a', '3'],
    ]);
  });

  it('accepts a Uint8Array as well as a Buffer', () => {
    expect(decodeTags(new Uint8Array(bytes('00 00 02 6b 31 02 61 62'))).get('k1')).toBe('ab');
  });

  it('round-trips maps with long keys and values in order', () => {
    const tags = TagMap.from([
      ['k'.repeat(255), 'v'.repeat(255)],
      ['short', ''],
      ['mid', 'x'.repeat(130)],
    ]);
    expect([...decodeTags(encodeTags(tags)).entries()]).toEqual([...tags.entries()]);
  });
});

describe('the 8192-byte limit on keys plus values', () => {
  // 32 tags of key 'kNN' (3 chars) and a value of 253 chars = 32 × 256 = 8192 bytes.
  const tagsOf = (extra: number) =>
    TagMap.from(Array.from({ length: 32 }, (_, i): [string, string] => [`k${String(i).padStart(2, '0')}`, 'v'.repeat(253 + (i === 0 ? extra : 0))]));

  it('encodes and decodes exactly 8192 bytes', () => {
    expect(TAG_CONTEXT_MAX_BYTES).toBe(8192);
    const tags = tagsOf(0);
    expect(decodeTags(encodeTags(tags)).toObject()).toEqual(tags.toObject());
  });

  it('refuses to encode 8193 bytes with TagsEncodeError', () => {
    expect(() => encodeTags(tagsOf(1))).toThrow(TagsEncodeError);
    expect(() => encodeTags(tagsOf(1))).toThrow(/8193 bytes.*8192/);
  });

  it('refuses to decode 8193 bytes with TagsDecodeError', () => {
    const over = Buffer.concat([encodeTags(tagsOf(0)), bytes('00 01 7a 00')]); // + key 'z' = 8193
    expect(() => decodeTags(over)).toThrow(TagsDecodeError);
  });
});

describe('decodeTags: malformed input ⇒ TagsDecodeError', () => {
  it.each([
    ['an empty buffer', ''],
    ['version 1', '01'],
    ['version 255 with a valid tag', 'ff 00 01 6b 01 76'],
    ['a field id with no key length', '00 00'],
    ['a truncated varint', '00 00 80'],
    ['a key length past the end', '00 00 05 6b'],
    ['a value length past the end', '00 00 01 6b 03 61'],
    ['a missing value length', '00 00 01 6b'],
    ['a key over 255 bytes', `00 00 80 02 ${'61 '.repeat(256)} 00`],
    ['a value over 255 bytes', `00 00 01 6b 80 02 ${'61 '.repeat(256)}`],
    ['an empty key', '00 00 00 01 76'],
    ['a non-printable byte in a key', '00 00 02 6b 0a 01 76'],
    ['a non-printable byte in a value', '00 00 01 6b 01 7f'],
    ['a non-ASCII byte in a value', '00 00 01 6b 02 c3 a9'],
    ['an overlong varint', '00 00 80 80 80 80 80 80 01'],
    ['a valid tag then garbage', '00 00 01 6b 01 76 00 ff'],
  ])('%s', (_what, input) => {
    expect(() => decodeTags(bytes(input))).toThrow(TagsDecodeError);
  });

  it.each([[null], ['00'], [[0]], [{ length: 1, 0: 0 }]])('a non-Uint8Array %p', (input) => {
    expect(() => decodeTags(input as unknown as Uint8Array)).toThrow(TagsDecodeError);
  });

  it('the error is a named Error subclass', () => {
    const err = (() => {
      try {
        decodeTags(bytes('01'));
      } catch (e) {
        return e as Error;
      }
    })();
    expect(err).toBeInstanceOf(Error);
    expect(err?.name).toBe('TagsDecodeError');
  });
});
