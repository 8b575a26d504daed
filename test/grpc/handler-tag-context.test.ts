import * as grpc from '@grpc/grpc-js';
import { Aggregation, ServerLatency, Stats, TagMap, View, clientOptions, createServer, currentTags, serverInterceptor, withTags } from '../../src';
import { EchoService, type Msg } from './helpers/echo-service';
import { echoClient, listen, run } from './helpers/harness';
import { rows, waitFor } from './helpers/views';

// `census: { handlerTagContext: false }` opts the server out of running
// handler code in the RPC's tag context; the views keep the propagated tags.
const seen: { sync?: Record<string, string>; afterAwait?: Record<string, string>; inData?: Record<string, string> } = {};
const impl: grpc.UntypedServiceImplementation = {
  async Unary(call: grpc.ServerUnaryCall<Msg, Msg>, cb: grpc.sendUnaryData<Msg>) {
    seen.sync = currentTags().toObject();
    await new Promise((r) => setTimeout(r, 1));
    seen.afterAwait = currentTags().toObject();
    cb(null, { text: call.request.text });
  },
  Bidi(call: grpc.ServerDuplexStream<Msg, Msg>) {
    call.on('data', (m: Msg) => {
      seen.inData = currentTags().toObject();
      call.write(m);
    });
    call.on('end', () => call.end());
  },
};

describe('PluginOptions.handlerTagContext', () => {
  const byUser = new View({ name: 'test/server_by_user_ctx', measure: ServerLatency, aggregation: Aggregation.count(), tagKeys: ['user', 'grpc_server_method', 'grpc_server_status'] });
  let stats: Stats;
  let server: grpc.Server;
  let client: grpc.Client;

  async function start(handlerTagContext: boolean | undefined): Promise<void> {
    for (const k of Object.keys(seen)) delete seen[k as keyof typeof seen];
    stats = new Stats();
    stats.registerView(byUser);
    server = createServer({ census: handlerTagContext === undefined ? { stats } : { stats, handlerTagContext } });
    server.addService(EchoService, impl);
    client = echoClient(await listen(server), clientOptions({ stats }));
  }

  afterEach(() => {
    client.close();
    server.forceShutdown();
  });

  it('false: handlers, their continuations and stream callbacks see no tags; the views still get the caller tags', async () => {
    await start(false);
    await withTags(TagMap.from({ user: 'dave' }), () => run(client, 'unary', [{ text: 'x' }]));
    const out = await withTags(TagMap.from({ user: 'dave' }), () => run(client, 'bidi', [{ text: 'a' }]));
    expect(out.messages).toEqual([{ text: 'a' }]);
    await waitFor(() => rows(stats, byUser).reduce((s, r) => s + r.count, 0) === 2, 'server end');
    expect(seen).toEqual({ sync: {}, afterAwait: {}, inData: {} });
    // Rows appear in the order the server ended the RPCs, which the test does not fix.
    const byMethod = rows(stats, byUser).sort((a, b) => a.tags.grpc_server_method.localeCompare(b.tags.grpc_server_method));
    expect(byMethod).toEqual([
      { tags: { user: 'dave', grpc_server_method: 'census.test.Echo/Bidi', grpc_server_status: 'OK' }, count: 1 },
      { tags: { user: 'dave', grpc_server_method: 'census.test.Echo/Unary', grpc_server_status: 'OK' }, count: 1 },
    ]);
  });

  it('true (the default, also when explicit): handler code runs in the caller tags plus grpc_server_method', async () => {
    await start(true);
    await withTags(TagMap.from({ user: 'erin' }), () => run(client, 'unary', [{ text: 'x' }]));
    await withTags(TagMap.from({ user: 'erin' }), () => run(client, 'bidi', [{ text: 'a' }]));
    expect(seen.sync).toEqual({ user: 'erin', grpc_server_method: 'census.test.Echo/Unary' });
    expect(seen.afterAwait).toEqual({ user: 'erin', grpc_server_method: 'census.test.Echo/Unary' });
    expect(seen.inData).toEqual({ user: 'erin', grpc_server_method: 'census.test.Echo/Bidi' });
  });

  it('rejects a value that is not a boolean, as other misconfiguration', async () => {
    await start(undefined);
    expect(() => createServer({ census: { handlerTagContext: 'no' as unknown as boolean } })).toThrow(new TypeError('createServer: option handlerTagContext must be a boolean, got "no"'));
    expect(() => serverInterceptor({ handlerTagContext: 0 as unknown as boolean })).toThrow(TypeError);
  });
});
