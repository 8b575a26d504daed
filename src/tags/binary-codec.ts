import { MAX_NAME_LENGTH, isPrintableAscii } from '../internal/ascii';
import { TagsDecodeError, TagsEncodeError } from './errors';
import { TagMap } from './tag-map';

// OpenCensus binary tag context (opencensus-specs encodings/BinaryEncoding.md),
// the value of the `grpc-tags-bin` header:
//   version (0x00), then per tag: field id 0x00, uvarint key length, key,
//   uvarint value length, value.
const VERSION = 0;
const TAG_FIELD_ID = 0;

/** Most bytes of keys plus values one tag context may carry (as opencensus-java and -node enforce). */
export const TAG_CONTEXT_MAX_BYTES = 8192;

/**
 * Encodes `tags` in the OpenCensus binary format, in the map's order.
 * Throws `TagsEncodeError` when the keys and values add up to more than
 * 8192 bytes.
 */
export function encodeTags(tags: TagMap): Buffer {
  let payload = 0;
  let size = 1;
  for (const [k, v] of tags.entries()) {
    payload += k.length + v.length;
    size += 1 + varintSize(k.length) + k.length + varintSize(v.length) + v.length;
  }
  if (payload > TAG_CONTEXT_MAX_BYTES) {
    throw new TagsEncodeError(`Tags take ${payload} bytes of keys and values; the limit is ${TAG_CONTEXT_MAX_BYTES}`);
  }
  const buf = Buffer.allocUnsafe(size);
  let at = 0;
  buf[at++] = VERSION;
  for (const [k, v] of tags.entries()) {
    buf[at++] = TAG_FIELD_ID;
    at = writeString(buf, at, k);
    at = writeString(buf, at, v);
  }
  return buf;
}

/**
 * Decodes an OpenCensus binary tag context. Duplicate keys: the last wins.
 * A field id other than 0 ends parsing (the spec reserves them for later
 * versions); what was read before it is kept.
 *
 * Throws `TagsDecodeError` for an empty buffer, a version other than 0, a
 * truncated or overlong varint or string, a key that is empty, a key or value
 * longer than 255 or not printable ASCII, or more than 8192 bytes of keys and
 * values.
 */
export function decodeTags(buf: Uint8Array): TagMap {
  if (!(buf instanceof Uint8Array)) throw new TagsDecodeError('Tag context must be a Buffer or Uint8Array');
  if (buf.length === 0) throw new TagsDecodeError('Empty tag context: the version byte is missing');
  if (buf[0] !== VERSION) throw new TagsDecodeError(`Unsupported tag context version ${buf[0]}`);
  const tags = new Map<string, string>();
  const cursor = { at: 1 };
  let payload = 0;
  while (cursor.at < buf.length) {
    if (buf[cursor.at] !== TAG_FIELD_ID) break;
    cursor.at++;
    const key = readString(buf, cursor, 'key');
    if (key.length === 0) throw new TagsDecodeError(`Empty tag key at byte ${cursor.at - 1}`);
    const value = readString(buf, cursor, 'value');
    payload += key.length + value.length;
    if (payload > TAG_CONTEXT_MAX_BYTES) {
      throw new TagsDecodeError(`Tag context exceeds ${TAG_CONTEXT_MAX_BYTES} bytes of keys and values`);
    }
    tags.delete(key); // a duplicate takes the position of its last occurrence
    tags.set(key, value);
  }
  return TagMap.from(tags);
}

function varintSize(n: number): number {
  return n < 0x80 ? 1 : 2; // lengths are at most 255
}

function writeString(buf: Buffer, at: number, s: string): number {
  const n = s.length;
  if (n < 0x80) {
    buf[at++] = n;
  } else {
    buf[at++] = (n & 0x7f) | 0x80;
    buf[at++] = n >>> 7;
  }
  buf.write(s, at, n, "latin1");
  return at + n;
}

function readString(buf: Uint8Array, cursor: { at: number }, what: 'key' | 'value'): string {
  const start = cursor.at;
  let n = 0;
  let shift = 0;
  for (;;) {
    if (cursor.at >= buf.length) throw new TagsDecodeError(`Truncated ${what} length at byte ${start}`);
    const b = buf[cursor.at++];
    n += (b & 0x7f) * 2 ** shift;
    if ((b & 0x80) === 0) break;
    shift += 7;
    if (shift > 28) throw new TagsDecodeError(`Overlong ${what} length varint at byte ${start}`);
  }
  if (n > MAX_NAME_LENGTH) throw new TagsDecodeError(`Tag ${what} of ${n} bytes at byte ${start}; the limit is ${MAX_NAME_LENGTH}`);
  if (cursor.at + n > buf.length) throw new TagsDecodeError(`Truncated tag ${what} at byte ${cursor.at}`);
  let s = '';
  for (let i = 0; i < n; i++) s += String.fromCharCode(buf[cursor.at + i]);
  if (!isPrintableAscii(s)) throw new TagsDecodeError(`Tag ${what} at byte ${cursor.at} is not printable ASCII`);
  cursor.at += n;
  return s;
}
