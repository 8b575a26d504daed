// `grpc-server-stats-bin`: the server's elapsed time, in gRPC C++'s 10-byte
// form (src/cpp/ext/filters/census/rpc_encoding.h):
//   byte 0     version, 0
//   byte 1     field id, 0 (server elapsed time)
//   bytes 2–9  elapsed nanoseconds, unsigned 64-bit little-endian
// Like gRPC C++, the decoder ignores bytes after the tenth.

/** The trailer that carries the server's elapsed time. */
export const SERVER_STATS_HEADER = 'grpc-server-stats-bin';

/** Length of an encoded server-stats value. */
export const SERVER_STATS_SIZE = 10;

const TWO_32 = 0x1_0000_0000;

/**
 * Encodes an elapsed time in nanoseconds. Negative, fractional or non-finite
 * input is clamped to a non-negative integer (0 for NaN); values above 2^53
 * lose precision as any JavaScript number does.
 */
export function encodeServerStats(elapsedNs: number): Buffer {
  const ns = elapsedNs > 0 ? Math.min(Math.round(elapsedNs), Number.MAX_SAFE_INTEGER) : 0;
  // A slice of Node's shared pool: no zero-fill and no ArrayBuffer of its own.
  // Every byte is written below.
  const buf = Buffer.allocUnsafe(SERVER_STATS_SIZE);
  buf[0] = 0; // version
  buf[1] = 0; // field id
  const lo = ns >>> 0; // ns mod 2^32, exact for any integer up to 2^53
  buf.writeUInt32LE(lo, 2);
  buf.writeUInt32LE((ns - lo) / TWO_32, 6);
  return buf;
}

/**
 * Decodes an elapsed time in nanoseconds. Returns `undefined` for anything
 * that is not a well-formed value — not a Uint8Array, fewer than 10 bytes, a
 * version or field id other than 0, or more than 2^53 − 1 ns (104 days) — and
 * never throws.
 */
export function decodeServerStats(buf: unknown): number | undefined {
  if (!(buf instanceof Uint8Array) || buf.length < SERVER_STATS_SIZE || buf[0] !== 0 || buf[1] !== 0) return undefined;
  const lo = buf[2] + buf[3] * 0x100 + buf[4] * 0x1_0000 + buf[5] * 0x100_0000;
  const hi = buf[6] + buf[7] * 0x100 + buf[8] * 0x1_0000 + buf[9] * 0x100_0000;
  const ns = hi * TWO_32 + lo;
  return ns <= Number.MAX_SAFE_INTEGER ? ns : undefined;
}
