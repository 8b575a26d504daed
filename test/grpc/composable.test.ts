import * as grpc from '@grpc/grpc-js';
import { TagMap, clientInterceptor, clientOptions, createServer, serverInterceptor, withTags } from '../../src';
import { msgSize } from './helpers/echo-service';
import { echoClient, listen, run, serveEcho } from './helpers/harness';
import { onlyDistribution, rows, statsWithAllViews, total, waitFor } from './helpers/views';

const UNARY = 'census.test.Echo/Unary';
const noop: grpc.Interceptor = (options, next) => new grpc.InterceptingCall(next(options));

describe('the composable interceptors alone', () => {
  it('measure everything but bytes, on both sides, with propagation', async () => {
    const stats = statsWithAllViews();
    const server = new grpc.Server({ interceptors: [serverInterceptor({ stats, serverStatsTrailer: true })] });
    const client = echoClient(await serveEcho(server), { interceptors: [clientInterceptor({ stats })] });
    try {
      const out = await withTags(TagMap.from({ k: 'v' }), () => run(client, 'serverStream', [{ text: 'many:2' }]));
      expect(out.messages).toHaveLength(2);
      await waitFor(() => total(stats, 'grpc.io/server/completed_rpcs') === 1, 'server end');
      const m = { grpc_client_method: 'census.test.Echo/ServerStream' };
      const sm = { grpc_server_method: 'census.test.Echo/ServerStream' };
      expect(rows(stats, 'grpc.io/client/completed_rpcs')).toEqual([{ tags: { ...m, grpc_client_status: 'OK' }, count: 1 }]);
      expect(rows(stats, 'grpc.io/client/sent_messages_per_rpc')).toEqual([{ tags: m, count: 1, sum: 1 }]);
      expect(rows(stats, 'grpc.io/client/received_messages_per_rpc')).toEqual([{ tags: m, count: 1, sum: 2 }]);
      expect(rows(stats, 'grpc.io/client/server_latency').map((r) => r.count)).toEqual([1]);
      expect(rows(stats, 'grpc.io/server/completed_rpcs')).toEqual([{ tags: { ...sm, grpc_server_status: 'OK' }, count: 1 }]);
      expect(rows(stats, 'grpc.io/server/received_messages_per_rpc')).toEqual([{ tags: sm, count: 1, sum: 1 }]);
      expect(rows(stats, 'grpc.io/server/sent_messages_per_rpc')).toEqual([{ tags: sm, count: 1, sum: 2 }]);
      for (const v of ['client/sent_bytes_per_rpc', 'client/received_bytes_per_rpc', 'server/sent_bytes_per_rpc', 'server/received_bytes_per_rpc']) {
        expect(rows(stats, `grpc.io/${v}`)).toEqual([]);
      }
      expect(stats.diagnostics.snapshot()).toEqual({});
    } finally {
      client.close();
      server.forceShutdown();
    }
  });

  it('clientInterceptor is dropped by grpc-js for a call with its own interceptors (documented); clientOptions() is not', async () => {
    const stats = statsWithAllViews();
    const server = createServer({ census: { stats: statsWithAllViews() } });
    const address = await serveEcho(server);
    const viaInterceptor = echoClient(address, { interceptors: [clientInterceptor({ stats })] });
    const viaOptions = echoClient(address, clientOptions({ stats }, { interceptors: [noop] }));
    try {
      await run(viaInterceptor, 'unary', [{ text: 'a' }], { callOptions: { interceptors: [noop] } });
      expect(total(stats, 'grpc.io/client/completed_rpcs')).toBe(0);
      await run(viaOptions, 'unary', [{ text: 'a' }], { callOptions: { interceptors: [noop] } });
      await run(viaOptions, 'unary', [{ text: 'a' }]);
      expect(rows(stats, 'grpc.io/client/sent_bytes_per_rpc')).toEqual([{ tags: { grpc_client_method: UNARY }, count: 2, sum: 2 * msgSize('a') }]);
    } finally {
      viaInterceptor.close();
      viaOptions.close();
      server.forceShutdown();
    }
  });
});

describe('clientOptions() and createServer()', () => {
  it('put exact values in the buckets (a unary message count of 1 sits on the first bound)', async () => {
    const stats = statsWithAllViews();
    const server = createServer({ census: { stats } });
    const client = echoClient(await serveEcho(server), clientOptions({ stats }));
    try {
      await run(client, 'unary', [{ text: 'abc' }]);
      await waitFor(() => total(stats, 'grpc.io/server/completed_rpcs') === 1, 'server end');
      const messages = onlyDistribution(stats, 'grpc.io/client/sent_messages_per_rpc');
      expect(messages.bucketCounts).toEqual([0, 1, ...Array(16).fill(0)]);
      expect(messages.boundCounts).toEqual([1, ...Array(16).fill(0)]);
      const bytes = onlyDistribution(stats, 'grpc.io/server/received_bytes_per_rpc');
      expect({ count: bytes.count, sum: bytes.sum, min: bytes.min, max: bytes.max }).toEqual({ count: 1, sum: 5, min: 5, max: 5 });
      expect(bytes.bucketCounts).toEqual([1, ...Array(13).fill(0)]);
    } finally {
      client.close();
      server.forceShutdown();
    }
  });

  it('measure uncompressed sizes with gzip on the channel', async () => {
    const stats = statsWithAllViews();
    const server = createServer({ census: { stats } });
    const client = echoClient(await serveEcho(server), clientOptions({ stats }, { 'grpc.default_compression_algorithm': 2 }));
    const big = 'a'.repeat(100); // compresses to far fewer bytes
    try {
      const out = await run(client, 'clientStream', [{ text: big }, { text: big }]);
      expect(out.messages).toEqual([{ text: 'A'.repeat(200) }]);
      await waitFor(() => total(stats, 'grpc.io/server/completed_rpcs') === 1, 'server end');
      // Each request is 0a 64 + 100 bytes, whatever gzip made of it on the wire.
      expect(onlyDistribution(stats, 'grpc.io/client/sent_bytes_per_rpc').sum).toBe(2 * 102);
      expect(onlyDistribution(stats, 'grpc.io/server/received_bytes_per_rpc').sum).toBe(2 * 102);
      expect(onlyDistribution(stats, 'grpc.io/client/received_bytes_per_rpc').sum).toBe(3 + 200); // 0a c8 01 + 200 bytes
    } finally {
      client.close();
      server.forceShutdown();
    }
  });

  it('work with generic clients and services with custom serializers', async () => {
    const stats = statsWithAllViews();
    const json = {
      path: '/demo.Json/Echo', requestStream: false, responseStream: false,
      requestSerialize: (v: unknown) => Buffer.from(JSON.stringify(v)), requestDeserialize: (b: Buffer) => JSON.parse(b.toString()),
      responseSerialize: (v: unknown) => Buffer.from(JSON.stringify(v)), responseDeserialize: (b: Buffer) => JSON.parse(b.toString()),
    };
    const Generic = grpc.makeGenericClientConstructor({ Echo: json }, 'Json');
    const server = createServer({ census: { stats } });
    server.addService({ Echo: json }, { Echo: (call: grpc.ServerUnaryCall<unknown, unknown>, cb: grpc.sendUnaryData<unknown>) => cb(null, { got: call.request }) });
    const client = new Generic(await listen(server), grpc.credentials.createInsecure(), clientOptions({ stats })) as unknown as grpc.Client;
    try {
      const reply = await new Promise((resolve, reject) =>
        (client as unknown as Record<string, Function>).Echo({ n: 1 }, (err: Error | null, v: unknown) => (err ? reject(err) : resolve(v))),
      );
      expect(reply).toEqual({ got: { n: 1 } });
      await waitFor(() => total(stats, 'grpc.io/server/completed_rpcs') === 1, 'server end');
      const request = JSON.stringify({ n: 1 }).length;
      const response = JSON.stringify({ got: { n: 1 } }).length;
      const m = { grpc_client_method: 'demo.Json/Echo' };
      const sm = { grpc_server_method: 'demo.Json/Echo' };
      expect(rows(stats, 'grpc.io/client/sent_bytes_per_rpc')).toEqual([{ tags: m, count: 1, sum: request }]);
      expect(rows(stats, 'grpc.io/client/received_bytes_per_rpc')).toEqual([{ tags: m, count: 1, sum: response }]);
      expect(rows(stats, 'grpc.io/server/received_bytes_per_rpc')).toEqual([{ tags: sm, count: 1, sum: request }]);
      expect(rows(stats, 'grpc.io/server/sent_bytes_per_rpc')).toEqual([{ tags: sm, count: 1, sum: response }]);
    } finally {
      client.close();
      server.forceShutdown();
    }
  });

  it('record UNIMPLEMENTED for an unknown path on the client only (unknown paths never reach server interceptors)', async () => {
    const stats = statsWithAllViews();
    const server = createServer({ census: { stats } });
    const client = new grpc.Client(await serveEcho(server), grpc.credentials.createInsecure(), clientOptions({ stats }));
    try {
      const code = await new Promise<number>((resolve) =>
        client.makeUnaryRequest('/census.test.Echo/Nope', (v: Buffer) => v, (b: Buffer) => b, Buffer.from('x'), (err) => resolve(err!.code)),
      );
      expect(code).toBe(grpc.status.UNIMPLEMENTED);
      expect(rows(stats, 'grpc.io/client/completed_rpcs')).toEqual([
        { tags: { grpc_client_method: 'census.test.Echo/Nope', grpc_client_status: 'UNIMPLEMENTED' }, count: 1 },
      ]);
      expect(rows(stats, 'grpc.io/client/sent_bytes_per_rpc')).toEqual([{ tags: { grpc_client_method: 'census.test.Echo/Nope' }, count: 1, sum: 1 }]);
      expect(rows(stats, 'grpc.io/server/started_rpcs')).toEqual([]);
    } finally {
      client.close();
      server.forceShutdown();
    }
  });

  it('record the status grpc-js sends by itself below the interceptors (a request over the limit) on both sides', async () => {
    const stats = statsWithAllViews();
    const server = createServer({ 'grpc.max_receive_message_length': 10, census: { stats } });
    const client = echoClient(await serveEcho(server), clientOptions({ stats }));
    try {
      const out = await run(client, 'unary', [{ text: 'x'.repeat(50) }]);
      expect(out.code).toBe(grpc.status.RESOURCE_EXHAUSTED);
      await waitFor(() => total(stats, 'grpc.io/server/completed_rpcs') === 1, 'server end');
      expect(rows(stats, 'grpc.io/server/completed_rpcs')).toEqual([
        { tags: { grpc_server_method: UNARY, grpc_server_status: 'RESOURCE_EXHAUSTED' }, count: 1 },
      ]);
      expect(rows(stats, 'grpc.io/client/completed_rpcs')).toEqual([
        { tags: { grpc_client_method: UNARY, grpc_client_status: 'RESOURCE_EXHAUSTED' }, count: 1 },
      ]);
      expect(rows(stats, 'grpc.io/server/received_messages_per_rpc')).toEqual([{ tags: { grpc_server_method: UNARY }, count: 1, sum: 0 }]);
    } finally {
      client.close();
      server.forceShutdown();
    }
  });

  it('keep the caller base options: interceptors, callInvocationTransformer, channelOverride', async () => {
    const stats = statsWithAllViews();
    const server = createServer({ census: { stats: statsWithAllViews() } });
    const address = await serveEcho(server);
    const seen: string[] = [];
    const interceptor: grpc.Interceptor = (options, next) => {
      seen.push(`interceptor ${options.method_definition.path}`);
      return new grpc.InterceptingCall(next(options));
    };
    const channel = new grpc.Channel(address, grpc.credentials.createInsecure(), {});
    const client = echoClient(
      address,
      clientOptions({ stats }, {
        interceptors: [interceptor],
        callInvocationTransformer: (props) => (seen.push('transformer'), props),
        channelOverride: channel,
      }),
    );
    try {
      await run(client, 'unary', [{ text: 'a' }]);
      expect(seen).toEqual(['transformer', `interceptor /${UNARY}`]);
      expect(total(stats, 'grpc.io/client/completed_rpcs')).toBe(1);
      expect(client.getChannel()).not.toBe(channel); // wrapped…
      expect(client.getChannel().getTarget()).toBe(channel.getTarget()); // …around the caller's channel
    } finally {
      client.close();
      server.forceShutdown();
    }
  });

  it('reject misconfiguration synchronously', () => {
    expect(() => clientOptions({ stats: {} as never })).toThrow(TypeError);
    expect(() => createServer({ census: { handlers: [42 as never] } })).toThrow(TypeError);
    expect(() => serverInterceptor({ handlers: [{ handleRpc: 'no' as never }] })).toThrow(TypeError);
  });
});
