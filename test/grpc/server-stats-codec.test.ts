import { fc } from '../support/fast-check';
import { decodeServerStats, encodeServerStats } from '../../src';

const hex = (s: string) => Buffer.from(s.replace(/ /g, ''), 'hex');

describe('grpc-server-stats-bin codec (gRPC C++ 10-byte form)', () => {
  it.each([
    [0, '00 00 00 00 00 00 00 00 00 00'],
    [1, '00 00 01 00 00 00 00 00 00 00'],
    [1_500_000, '00 00 60 e3 16 00 00 00 00 00'],
    [0x1_0000_0000, '00 00 00 00 00 00 01 00 00 00'],
    [0x0102_0304_0506, '00 00 06 05 04 03 02 01 00 00'],
    [Number.MAX_SAFE_INTEGER, '00 00 ff ff ff ff ff ff 1f 00'],
  ])('encodes %d ns as %s and back', (ns, bytes) => {
    expect(encodeServerStats(ns).toString('hex')).toBe(hex(bytes).toString('hex'));
    expect(decodeServerStats(hex(bytes))).toBe(ns);
  });

  it.each([
    [-5, 0],
    [NaN, 0],
    [1.6, 2],
    [Infinity, Number.MAX_SAFE_INTEGER],
  ])('clamps %d ns to %d on encode', (input, ns) => {
    expect(decodeServerStats(encodeServerStats(input))).toBe(ns);
  });

  it('ignores bytes after the tenth, as gRPC C++ does', () => {
    expect(decodeServerStats(hex('00 00 05 00 00 00 00 00 00 00 ff ee'))).toBe(5);
  });

  it.each([
    ['empty', ''],
    ['too short', '00 00 01 00 00 00 00 00 00'],
    ['version 1', '01 00 01 00 00 00 00 00 00 00'],
    ['field id 1', '00 01 01 00 00 00 00 00 00 00'],
    ['above 2^53 ns', '00 00 00 00 00 00 00 00 20 00'],
    ['all ones', '00 00 ff ff ff ff ff ff ff ff'],
  ])('rejects %s', (_name, bytes) => {
    expect(decodeServerStats(hex(bytes))).toBeUndefined();
  });

  it.each([[undefined], [null], ['0000000000000000000'], [42], [{ length: 10 }], [[0, 0, 1, 0, 0, 0, 0, 0, 0, 0]]])('rejects non-binary input %p', (v) => {
    expect(decodeServerStats(v)).toBeUndefined();
  });

  it('round-trips every safe integer', () => {
    fc.assert(
      fc.property(fc.maxSafeNat(), (ns) => decodeServerStats(encodeServerStats(ns)) === ns),
      { numRuns: 10_000 },
    );
  });

  it('never throws and returns undefined or a safe integer for 100k random inputs', () => {
    const input = fc.oneof(
      fc.uint8Array({ maxLength: 24 }),
      // Mostly well-formed prefixes, so the value path is exercised too.
      fc.tuple(fc.uint8Array({ minLength: 8, maxLength: 14 }), fc.constantFrom(0, 1)).map(([rest, v]) => Uint8Array.from([v, 0, ...rest])),
      fc.anything(),
    );
    fc.assert(
      fc.property(input, (v) => {
        const ns = decodeServerStats(v);
        return ns === undefined || (Number.isSafeInteger(ns) && ns >= 0);
      }),
      { numRuns: 100_000 },
    );
  });
});

describe('the plugin paths that read network headers', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Metadata } = require('@grpc/grpc-js') as typeof import('@grpc/grpc-js');
  // Internal modules: what the plugin calls on every trailer / request header.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { serverLatencyMs } = require('../../src/grpc/server-latency') as typeof import('../../src/grpc/server-latency');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { propagatedTags } = require('../../src/grpc/server-tags') as typeof import('../../src/grpc/server-tags');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Stats, TagMap } = require('../../src') as typeof import('../../src');

  it('never throws on 100k random grpc-server-stats-bin trailers, and counts each malformed one', () => {
    const stats = new Stats();
    let malformed = 0;
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 16 }), (bytes) => {
        const md = new Metadata();
        md.set('grpc-server-stats-bin', Buffer.from(bytes));
        const ms = serverLatencyMs(md, stats.diagnostics);
        if (Number.isNaN(ms)) malformed++;
        return Number.isNaN(ms) || ms >= 0;
      }),
      { numRuns: 100_000 },
    );
    expect(stats.diagnostics.get('grpc.malformedServerStats')).toBe(malformed);
  });

  it('never throws on random grpc-tags-bin headers, and counts each malformed one', () => {
    const stats = new Stats();
    let malformed = 0;
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), (bytes) => {
        const md = new Metadata();
        md.set('grpc-tags-bin', Buffer.from(bytes));
        const tags = propagatedTags(md, stats.diagnostics);
        if (tags === TagMap.EMPTY && (bytes.length !== 1 || bytes[0] !== 0)) malformed++;
        return tags instanceof TagMap;
      }),
      { numRuns: 20_000 },
    );
    expect(stats.diagnostics.get('grpc.malformedTagsHeader')).toBeLessThanOrEqual(malformed);
    expect(stats.diagnostics.get('grpc.malformedTagsHeader')).toBeGreaterThan(0);
  });
});
