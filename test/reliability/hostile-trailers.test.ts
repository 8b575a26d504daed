import * as grpc from '@grpc/grpc-js';
import { fc } from '../support/fast-check';
import { ClientServerLatencyView, clientOptions, decodeServerStats, type Stats } from '../../src';
import { EchoService, echoImpl, type Msg } from '../grpc/helpers/echo-service';
import { echoClient, listen, run } from '../grpc/helpers/harness';
import { rows, statsWithAllViews, total } from '../grpc/helpers/views';

// A server we do not control (bare grpc-js) sends malformed
// grpc-server-stats-bin trailers to an instrumented client: the application
// sees exactly what it would see without the plugin, the client views record
// the RPC, server_latency records nothing, and each one is counted.
const MALFORMED = 'grpc.malformedServerStats';

/** int64 little-endian `ns` (two's complement) in the 10-byte form, with `version` and `field` bytes. */
function stats10(ns: bigint, version = 0, field = 0): Buffer {
  const buf = Buffer.alloc(10);
  buf[0] = version;
  buf[1] = field;
  buf.writeBigInt64LE(BigInt.asIntN(64, ns), 2);
  return buf;
}

const cases: [string, Buffer][] = [
  ['empty', Buffer.alloc(0)],
  ['5 bytes', stats10(1_000_000n).subarray(0, 5)],
  ['9 bytes (one short)', stats10(1_000_000n).subarray(0, 9)],
  ['version 1', stats10(1_000_000n, 1)],
  ['field id 1', stats10(1_000_000n, 0, 1)],
  ['1000 bytes of 0xff', Buffer.alloc(1000, 0xff)],
  ['negative ns (-1)', stats10(-1n)],
  ['negative ns (-1 ms)', stats10(-1_000_000n)],
  ['huge ns (2^62, 146 years)', stats10(2n ** 62n)],
  ['2^53 ns, just past what a double holds exactly', stats10(2n ** 53n)],
];

describe('hostile grpc-server-stats-bin trailers against clientOptions()', () => {
  let trailer: Buffer | undefined;
  let server: grpc.Server;
  let address: string;
  const withTrailer = () => {
    const md = new grpc.Metadata();
    if (trailer !== undefined) md.set('grpc-server-stats-bin', trailer);
    return md;
  };
  const bare: grpc.UntypedServiceImplementation = {
    ...echoImpl,
    Unary(call: grpc.ServerUnaryCall<Msg, Msg>, cb: grpc.sendUnaryData<Msg>) {
      cb(null, { text: (call.request.text ?? '').toUpperCase() }, withTrailer());
    },
    ServerStream(call: grpc.ServerWritableStream<Msg, Msg>) {
      for (let i = 0; i < 3; i++) call.write({ text: `r${i}` });
      call.end(withTrailer());
    },
  };

  beforeAll(async () => {
    server = new grpc.Server();
    server.addService(EchoService, bare);
    address = await listen(server);
  });
  afterAll(() => server.forceShutdown());

  /** The same RPC twice: once by a plain client, once by an instrumented one. */
  async function both(value: Buffer | undefined, kind: 'unary' | 'serverStream') {
    trailer = value;
    const plain = echoClient(address);
    const stats = statsWithAllViews();
    const instrumented = echoClient(address, clientOptions({ stats }));
    try {
      const strip = (o: Awaited<ReturnType<typeof run>>) => ({ code: o.code, details: o.details, messages: o.messages, trailers: o.trailers });
      return { plain: strip(await run(plain, kind, [{ text: 'abc' }])), census: strip(await run(instrumented, kind, [{ text: 'abc' }])), stats };
    } finally {
      plain.close();
      instrumented.close();
    }
  }

  const method = { unary: 'census.test.Echo/Unary', serverStream: 'census.test.Echo/ServerStream' };

  function expectRecordedWithoutServerLatency(stats: Stats, kind: 'unary' | 'serverStream') {
    expect(rows(stats, 'grpc.io/client/completed_rpcs')).toEqual([{ tags: { grpc_client_method: method[kind], grpc_client_status: 'OK' }, count: 1 }]);
    expect(rows(stats, 'grpc.io/client/received_messages_per_rpc')).toEqual([
      { tags: { grpc_client_method: method[kind] }, count: 1, sum: kind === 'unary' ? 1 : 3 },
    ]);
    expect(rows(stats, ClientServerLatencyView)).toEqual([]);
  }

  describe.each(['unary', 'serverStream'] as const)('%s', (kind) => {
    it.each(cases)('%s: the application sees what it sees without the plugin; no server latency; counted', async (_name, value) => {
      expect(decodeServerStats(value)).toBeUndefined(); // really malformed
      const { plain, census, stats } = await both(value, kind);
      expect(census).toEqual(plain);
      expect(census.code).toBe(0);
      expectRecordedWithoutServerLatency(stats, kind);
      expect(stats.diagnostics.snapshot()).toEqual({ [MALFORMED]: 1 });
    });
  });

  it('1000 bytes behind a valid 10-byte head: read as gRPC C++ reads it (the rest ignored), not counted', async () => {
    const value = Buffer.concat([stats10(2_500_000n), Buffer.alloc(990, 0xee)]);
    const { plain, census, stats } = await both(value, 'unary');
    expect(census).toEqual(plain);
    expect(rows(stats, ClientServerLatencyView)).toEqual([{ tags: { grpc_client_method: method.unary }, count: 1, sum: 2.5 }]);
    expect(stats.diagnostics.snapshot()).toEqual({});
  });

  it('2^53 − 1 ns (104 days), the largest value kept, is recorded', async () => {
    const { stats } = await both(stats10(2n ** 53n - 1n), 'unary');
    expect(rows(stats, ClientServerLatencyView)).toEqual([{ tags: { grpc_client_method: method.unary }, count: 1, sum: (2 ** 53 - 1) / 1e6 }]);
  });

  it('200 random trailers (fast-check) on one instrumented client: every RPC unchanged; counted exactly when malformed', async () => {
    const stats = statsWithAllViews();
    const client = echoClient(address, clientOptions({ stats }));
    let malformed = 0;
    // Random bytes, and well-formed values (a valid head, ns < 2^53) with random bytes after them.
    const wellFormed = fc
      .tuple(fc.uint8Array({ minLength: 8, maxLength: 8 }), fc.uint8Array({ maxLength: 4 }))
      .map(([ns, rest]) => Uint8Array.from([0, 0, ...ns.subarray(0, 6), ns[6] & 0x1f, 0, ...rest])); // little-endian: the top 11 bits 0
    const value = fc.oneof(fc.uint8Array({ maxLength: 24 }), wellFormed);
    try {
      await fc.assert(
        fc.asyncProperty(value, async (bytes) => {
          if (decodeServerStats(bytes) === undefined) malformed++;
          trailer = Buffer.from(bytes);
          const out = await run(client, 'unary', [{ text: 'abc' }]);
          expect({ code: out.code, messages: out.messages }).toEqual({ code: 0, messages: [{ text: 'ABC' }] });
        }),
        { numRuns: 200 },
      );
    } finally {
      client.close();
    }
    expect(malformed).toBeGreaterThan(20);
    expect(malformed).toBeLessThan(180);
    expect(rows(stats, 'grpc.io/client/completed_rpcs')).toEqual([{ tags: { grpc_client_method: method.unary, grpc_client_status: 'OK' }, count: 200 }]);
    expect(total(stats, ClientServerLatencyView)).toBe(200 - malformed);
    expect(stats.diagnostics.snapshot()).toEqual({ [MALFORMED]: malformed });
  });
});
