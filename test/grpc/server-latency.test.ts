import * as grpc from '@grpc/grpc-js';
import { ClientServerLatencyView, clientOptions, createServer, encodeServerStats, serverInterceptor } from '../../src';
import { EchoService, echoImpl, type Msg } from './helpers/echo-service';
import { echoClient, listen, run, serveEcho } from './helpers/harness';
import { onlyDistribution, rows, statsWithAllViews, waitFor } from './helpers/views';

describe('server latency over grpc-server-stats-bin', () => {
  it('is sent by createServer with serverStatsTrailer: true and decoded by the client into grpc.io/client/server_latency', async () => {
    const stats = statsWithAllViews();
    const server = createServer({ census: { stats, serverStatsTrailer: true } });
    const client = echoClient(await serveEcho(server), clientOptions({ stats }));
    try {
      for (const text of ['a', 'error:9']) await run(client, 'unary', [{ text }]);
      await waitFor(() => rows(stats, 'grpc.io/server/completed_rpcs').length === 2, 'server ends');
      const fromTrailer = onlyDistribution(stats, ClientServerLatencyView);
      const roundtrip = onlyDistribution(stats, 'grpc.io/client/roundtrip_latency');
      expect(fromTrailer.count).toBe(2); // an error status carries it too
      expect(fromTrailer.min).toBeGreaterThan(0);
      expect(fromTrailer.sum).toBeLessThanOrEqual(roundtrip.sum);
      // The trailer carries exactly what the server recorded, to the nanosecond.
      expect(fromTrailer.sum).toBeCloseTo(onlyDistribution(stats, 'grpc.io/server/server_latency').sum, 5);
    } finally {
      client.close();
      server.forceShutdown();
    }
  });

  describe('from a server that is not instrumented', () => {
    let trailer: Buffer | string | undefined;
    let server: grpc.Server;
    let address: string;
    const bare: grpc.UntypedServiceImplementation = {
      ...echoImpl,
      Unary(call: grpc.ServerUnaryCall<Msg, Msg>, cb: grpc.sendUnaryData<Msg>) {
        const md = new grpc.Metadata();
        if (trailer !== undefined) md.set('grpc-server-stats-bin', trailer as Buffer);
        cb(null, { text: call.request.text }, md);
      },
    };

    beforeAll(async () => {
      server = new grpc.Server();
      server.addService(EchoService, bare);
      address = await listen(server);
    });
    afterAll(() => server.forceShutdown());

    async function callWith(value: Buffer | undefined) {
      trailer = value;
      const stats = statsWithAllViews();
      const client = echoClient(address, clientOptions({ stats }));
      try {
        const out = await run(client, 'unary', [{ text: 'hi' }]);
        return { stats, out };
      } finally {
        client.close();
      }
    }

    it('decodes a valid trailer exactly (2.5 ms)', async () => {
      const { stats, out } = await callWith(encodeServerStats(2_500_000));
      expect(out.code).toBe(0);
      expect(rows(stats, ClientServerLatencyView)).toEqual([{ tags: { grpc_client_method: 'census.test.Echo/Unary' }, count: 1, sum: 2.5 }]);
    });

    it('records nothing when the trailer is absent, and counts nothing', async () => {
      const { stats, out } = await callWith(undefined);
      expect(out.code).toBe(0);
      expect(rows(stats, ClientServerLatencyView)).toEqual([]);
      expect(stats.diagnostics.snapshot()).toEqual({});
    });

    it.each([
      ['garbage', Buffer.from('deadbeef', 'hex')],
      ['a wrong field id', Buffer.from('00010100000000000000', 'hex')],
      ['an empty value', Buffer.alloc(0)],
    ])('ignores and counts a malformed trailer (%s); the RPC is unaffected', async (_name, value) => {
      const { stats, out } = await callWith(value);
      expect({ code: out.code, messages: out.messages }).toEqual({ code: 0, messages: [{ text: 'hi' }] });
      expect(rows(stats, ClientServerLatencyView)).toEqual([]);
      expect(rows(stats, 'grpc.io/client/completed_rpcs')).toEqual([
        { tags: { grpc_client_method: 'census.test.Echo/Unary', grpc_client_status: 'OK' }, count: 1 },
      ]);
      expect(stats.diagnostics.get('grpc.malformedServerStats')).toBe(1);
    });
  });

  describe('census: { serverStatsTrailer: false }', () => {
    it('sends no grpc-server-stats-bin, so the client records no server latency; everything else is unchanged', async () => {
      const stats = statsWithAllViews();
      const server = createServer({ census: { stats, serverStatsTrailer: false } });
      const client = echoClient(await serveEcho(server), clientOptions({ stats }));
      try {
        const ok = await run(client, 'unary', [{ text: 'a' }]);
        const failed = await run(client, 'unary', [{ text: 'error:9' }]);
        expect({ code: ok.code, messages: ok.messages, trailers: ok.trailers }).toEqual({ code: 0, messages: [{ text: 'A' }], trailers: { 'x-trailer': 't' } });
        // A trailers-only error status: grpc-js also reports the response headers (content-type, date) there.
        expect({ code: failed.code, xTrailer: failed.trailers['x-trailer'], statsTrailer: 'grpc-server-stats-bin' in failed.trailers }).toEqual({ code: 9, xTrailer: 't', statsTrailer: false });
        await waitFor(() => rows(stats, 'grpc.io/server/completed_rpcs').length === 2, 'server ends');
        expect(rows(stats, ClientServerLatencyView)).toEqual([]);
        // Rows are in the order the server ended the RPCs, which the test does not fix.
        const completed = rows(stats, 'grpc.io/server/completed_rpcs').sort((a, b) => a.tags.grpc_server_status.localeCompare(b.tags.grpc_server_status));
        expect(completed).toEqual([
          { tags: { grpc_server_method: 'census.test.Echo/Unary', grpc_server_status: 'FAILED_PRECONDITION' }, count: 1 },
          { tags: { grpc_server_method: 'census.test.Echo/Unary', grpc_server_status: 'OK' }, count: 1 },
        ]);
        expect(onlyDistribution(stats, 'grpc.io/server/server_latency').count).toBe(2);
        expect(stats.diagnostics.snapshot()).toEqual({});
      } finally {
        client.close();
        server.forceShutdown();
      }
    });

    it('is off by default, on when asked; a value that is not a boolean is a TypeError', async () => {
      for (const [census, sent] of [[{}, false], [{ serverStatsTrailer: false }, false], [{ serverStatsTrailer: true }, true]] as const) {
        const server = createServer({ census });
        const client = echoClient(await serveEcho(server));
        try {
          const out = await run(client, 'unary', [{ text: 'a' }]);
          expect(Object.keys(out.trailers).sort()).toEqual(sent ? ['grpc-server-stats-bin', 'x-trailer'] : ['x-trailer']);
        } finally {
          client.close();
          server.forceShutdown();
        }
      }
      expect(() => createServer({ census: { serverStatsTrailer: 'no' as unknown as boolean } })).toThrow(new TypeError('createServer: option serverStatsTrailer must be a boolean, got "no"'));
      expect(() => serverInterceptor({ serverStatsTrailer: 1 as unknown as boolean })).toThrow(TypeError);
    });
  });
});
