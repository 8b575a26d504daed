import * as grpc from '@grpc/grpc-js';
import { A66ClientViews, A66ServerViews, DefaultClientViews, DefaultServerViews, Stats, clientOptions, createServer } from '../../src';
import { A66Sink } from '../../src/grpc/rpc/a66-sink';
import type { Rpc } from '../../src/grpc/rpc/sink';
import { methodInfo } from '../../src/grpc/method-info';
import { echoClient, run, serveEcho } from './helpers/harness';
import { waitFor } from './helpers/views';

// The A66 sink rides on the OpenCensus views' per-RPC path: while no A66 view
// is registered anywhere it keeps no per-RPC state (it returns none and
// records nothing), and the plugin observes no attempt.

function host(stats: Stats) {
  return { stats, methodAttributeFilter: undefined, internalError: () => {}, unavailable: () => {} };
}

function fakeRpc(client: boolean, a66Source: unknown): Rpc {
  return {
    info: methodInfo(client, '/census.test.Echo/Unary', false, false),
    a66Source,
  } as unknown as Rpc;
}

describe('A66Sink', () => {
  it('keeps no state and records nothing while no A66 view is registered', () => {
    const stats = new Stats();
    stats.registerView(...DefaultClientViews, ...DefaultServerViews);
    const sink = new A66Sink(host(stats));
    expect(sink.begin(fakeRpc(false, undefined))).toBeUndefined();
    expect(sink.begin(fakeRpc(true, undefined))).toBeUndefined();
    const channel = sink.channel(new grpc.Channel('127.0.0.1:1', grpc.credentials.createInsecure(), {}), '127.0.0.1:1');
    expect(sink.begin(fakeRpc(true, channel))).toBeUndefined();
  });

  it('keeps per-RPC state once an A66 view is registered, and none again once it is gone', () => {
    const stats = new Stats();
    const sink = new A66Sink(host(stats));
    stats.registerView(...A66ServerViews);
    const server = fakeRpc(false, {});
    expect(sink.begin(server)).toBeDefined();
    stats.unregisterView(...A66ServerViews);
    expect(sink.begin(server)).toBeUndefined();
  });

  it('over real grpc-js: OpenCensus views only, then A66 added to the same running client and server', async () => {
    const stats = new Stats();
    stats.registerView(...DefaultClientViews, ...DefaultServerViews);
    const server = createServer({ census: { stats } });
    const c = echoClient(await serveEcho(server), clientOptions({ stats }));
    await run(c, 'unary', [{ text: 'a' }]);
    expect(stats.retrieveData('grpc.io/client/completed_rpcs')).toHaveLength(1);
    stats.registerView(...A66ClientViews, ...A66ServerViews);
    await run(c, 'unary', [{ text: 'a' }]);
    await waitFor(() => stats.retrieveData('grpc.server.call.duration').length === 1, 'server end');
    // only the second call is in the A66 views: the first ran before they existed
    expect(stats.retrieveData('grpc.client.attempt.started').map((r) => r.data)).toEqual([{ type: 'count', value: 1 }]);
    expect(stats.retrieveData('grpc.server.call.started').map((r) => r.data)).toEqual([{ type: 'count', value: 1 }]);
    c.close();
    server.forceShutdown();
  });
});
