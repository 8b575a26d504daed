import { TAG_CONTEXT_MAX_TAGS, TagMap, TagsDecodeError, decodeTags, encodeTags } from '../../src';

// Issue: a legal grpc-tags-bin of 4096 tags (two-byte keys, empty values: 8192
// bytes of keys, ~20 KB on the wire) cost 5× a bare server's CPU per RPC:
// decoding built strings byte by byte and copied the map again at the end.
// Now decoding is one pass over the bytes that builds the map once, and a
// header with more than TAG_CONTEXT_MAX_TAGS tags is rejected (the gRPC
// server then ignores and counts it, as any malformed header).
function header(tags: number): Buffer {
  const parts = [Buffer.from([0])];
  for (let i = 0; i < tags; i++) {
    const key = (i + 0x2020).toString(16).slice(-2); // distinct two-char printable keys
    parts.push(Buffer.from([0, 2]), Buffer.from(key.padStart(2, 'k'), 'latin1'), Buffer.from([0]));
  }
  return Buffer.concat(parts);
}

function distinctKeys(n: number): Buffer {
  const tags: [string, string][] = [];
  for (let i = 0; i < n; i++) tags.push([`k${i}`, '']);
  return encodeTags(TagMap.from(tags));
}

describe('a tags header with many tags', () => {
  it('caps the number of tags at 180 (W3C Baggage)', () => {
    expect(TAG_CONTEXT_MAX_TAGS).toBe(180);
    expect(decodeTags(distinctKeys(TAG_CONTEXT_MAX_TAGS)).size).toBe(180);
    expect(() => decodeTags(distinctKeys(TAG_CONTEXT_MAX_TAGS + 1))).toThrow(new TagsDecodeError('Tag context has more than 180 tags'));
  });

  it("rejects the issue's 4096-tag header", () => {
    const buf = header(4096);
    expect(buf.length).toBeGreaterThan(16_000);
    expect(() => decodeTags(buf)).toThrow(TagsDecodeError);
  });

  it('decodes a Uint8Array that is not a Buffer, at an offset into its memory', () => {
    const encoded = encodeTags(TagMap.from({ a: 'x', bb: 'yy' }));
    const backing = new Uint8Array(encoded.length + 3);
    backing.set(encoded, 3);
    expect(decodeTags(backing.subarray(3)).toObject()).toEqual({ a: 'x', bb: 'yy' });
  });
});
