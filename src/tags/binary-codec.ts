import { MAX_NAME_LENGTH } from '../internal/ascii';
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
 * Most tag fields one tag context may carry when decoded (repeated keys
 * included): W3C Baggage's limit of 180 entries. 8192 bytes alone would allow
 * 4096 tiny tags, whose decoding and per-RPC copying cost far more than any
 * real context needs.
 */
export const TAG_CONTEXT_MAX_TAGS = 180;

/**
 * Decodes an OpenCensus binary tag context. Duplicate keys: the last wins.
 * A field id other than 0 ends parsing (the spec reserves them for later
 * versions); what was read before it is kept. Costs time proportional to
 * the bytes read (an over-cap header is rejected before any string is
 * built), and builds the map once.
 *
 * Throws `TagsDecodeError` for an empty buffer, a version other than 0, a
 * truncated or overlong varint or string, a key that is empty, a key or value
 * longer than 255 or not printable ASCII, more than 8192 bytes of keys and
 * values, or more than `TAG_CONTEXT_MAX_TAGS` (180) tags.
 */
export function decodeTags(buf: Uint8Array): TagMap {
  if (!(buf instanceof Uint8Array)) throw new TagsDecodeError('Tag context must be a Buffer or Uint8Array');
  if (buf.length === 0) throw new TagsDecodeError('Empty tag context: the version byte is missing');
  if (buf[0] !== VERSION) throw new TagsDecodeError(`Unsupported tag context version ${buf[0]}`);
  // A Buffer view (no copy) for its latin1 decoding of a whole key or value at once.
  const bytes = Buffer.isBuffer(buf) ? buf : Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  if (tooManyTags(bytes)) throw new TagsDecodeError(`Tag context has more than ${TAG_CONTEXT_MAX_TAGS} tags`);
  const tags = new Map<string, string>();
  let at = 1;
  let payload = 0;
  while (at < bytes.length) {
    if (bytes[at] !== TAG_FIELD_ID) break;
    const key = readString(bytes, at + 1, 'key');
    if (key.length === 0) throw new TagsDecodeError(`Empty tag key at byte ${at + 1}`);
    const value = readString(bytes, end, 'value');
    at = end;
    payload += key.length + value.length;
    if (payload > TAG_CONTEXT_MAX_BYTES) {
      throw new TagsDecodeError(`Tag context exceeds ${TAG_CONTEXT_MAX_BYTES} bytes of keys and values`);
    }
    tags.delete(key); // a duplicate takes the position of its last occurrence
    tags.set(key, value);
  }
  return TagMap._ofValid(tags);
}

/**
 * Whether the tag fields exceed the cap, found by skipping over them without
 * building any string: an oversized header is rejected for a few nanoseconds
 * per tag instead of being half decoded. Malformed lengths are left to the
 * decoding pass, which reports them.
 */
function tooManyTags(bytes: Buffer): boolean {
  let at = 1;
  for (let fields = 0; at < bytes.length && bytes[at] === TAG_FIELD_ID; fields++) {
    if (fields === TAG_CONTEXT_MAX_TAGS) return true;
    at = skipString(bytes, skipString(bytes, at + 1));
  }
  return false;
}

/** The position after the varint-length-prefixed string at `at` (past the end when malformed). */
function skipString(bytes: Buffer, at: number): number {
  let n = 0;
  let shift = 0;
  while (at < bytes.length && shift <= 28) {
    const b = bytes[at++];
    n += (b & 0x7f) * 2 ** shift;
    if ((b & 0x80) === 0) return at + n;
    shift += 7;
  }
  return bytes.length;
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
  buf.write(s, at, n, 'latin1');
  return at + n;
}

/** Where the last `readString` stopped: a module variable rather than a cursor object per call. */
let end = 0;

/** The varint-length-prefixed string at `start`; sets `end` past it. Checks length and printable ASCII on the bytes. */
function readString(bytes: Buffer, start: number, what: 'key' | 'value'): string {
  let at = start;
  let n = 0;
  let shift = 0;
  for (;;) {
    if (at >= bytes.length) throw new TagsDecodeError(`Truncated ${what} length at byte ${start}`);
    const b = bytes[at++];
    n += (b & 0x7f) * 2 ** shift;
    if ((b & 0x80) === 0) break;
    shift += 7;
    if (shift > 28) throw new TagsDecodeError(`Overlong ${what} length varint at byte ${start}`);
  }
  if (n > MAX_NAME_LENGTH) throw new TagsDecodeError(`Tag ${what} of ${n} bytes at byte ${start}; the limit is ${MAX_NAME_LENGTH}`);
  if (at + n > bytes.length) throw new TagsDecodeError(`Truncated tag ${what} at byte ${at}`);
  for (let i = at; i < at + n; i++) {
    const c = bytes[i];
    if (c < 0x20 || c > 0x7e) throw new TagsDecodeError(`Tag ${what} at byte ${at} is not printable ASCII`);
  }
  end = at + n;
  return n === 0 ? '' : bytes.toString('latin1', at, end);
}
