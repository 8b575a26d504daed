import * as grpc from '@grpc/grpc-js';
import { Aggregation, ServerLatency, ClientRoundtripLatency, Stats, TagMap, View, clientOptions, createServer, currentTags, withTags } from '../../src';
import { EchoService, type Msg } from './helpers/echo-service';
import { echoClient, listen, run } from './helpers/harness';
import { rows, waitFor } from './helpers/views';

// Handlers that report what the server saw: the tag context after an await,
// inside a stream's data callback, and the raw grpc-tags-bin header.
const seen: { afterAwait?: Record<string, string>; inData?: Record<string, string>; header?: string[] } = {};
const impl: grpc.UntypedServiceImplementation = {
  async Unary(call: grpc.ServerUnaryCall<Msg, Msg>, cb: grpc.sendUnaryData<Msg>) {
    seen.header = call.metadata.get('grpc-tags-bin').map((v) => (Buffer.isBuffer(v) ? v.toString('hex') : `string:${v}`));
    await new Promise((r) => setTimeout(r, 1));
    seen.afterAwait = currentTags().toObject();
    cb(null, { text: call.request.text });
  },
  Bidi(call: grpc.ServerDuplexStream<Msg, Msg>) {
    call.on('data', async (m: Msg) => {
      await Promise.resolve();
      seen.inData = currentTags().toObject();
      call.write(m);
    });
    call.on('end', () => call.end());
  },
};

describe('tag propagation over grpc-tags-bin', () => {
  let stats: Stats;
  let warnings: string[];
  let server: grpc.Server;
  let client: grpc.Client;
  const serverByUser = new View({ name: 'test/server_by_user', measure: ServerLatency, aggregation: Aggregation.count(), tagKeys: ['user', 'grpc_server_method', 'grpc_server_status'] });
  const clientByUser = new View({ name: 'test/client_by_user', measure: ClientRoundtripLatency, aggregation: Aggregation.count(), tagKeys: ['user', 'grpc_client_method'] });

  beforeEach(async () => {
    for (const k of Object.keys(seen)) delete seen[k as keyof typeof seen];
    warnings = [];
    stats = new Stats({ warn: (m) => warnings.push(m) });
    stats.registerView(serverByUser, clientByUser);
    server = createServer({ census: { stats } });
    server.addService(EchoService, impl);
    client = echoClient(await listen(server), clientOptions({ stats }));
  });

  afterEach(() => {
    client.close();
    server.forceShutdown();
  });

  const serverDone = (n: number) => waitFor(() => rows(stats, serverByUser).reduce((s, r) => s + r.count, 0) === n, 'server end');

  it('sends the caller tags byte for byte as opencensus-go encodes them (k1=ab ⇒ 00 00 02 6b 31 02 61 62)', async () => {
    const out = await withTags(TagMap.from({ k1: 'ab' }), () => run(client, 'unary', [{ text: 'x' }]));
    expect(out.code).toBe(0);
    expect(seen.header).toEqual(['0000026b31026162']);
  });

  it('sends no header when the caller has no tags', async () => {
    await run(client, 'unary', [{ text: 'x' }]);
    expect(seen.header).toEqual([]);
  });

  it('gives server views and the handler (after an await) the caller tags plus grpc_server_method', async () => {
    await withTags(TagMap.from({ user: 'alice' }), () => run(client, 'unary', [{ text: 'x' }]));
    await withTags(TagMap.from({ user: 'bob' }), () => run(client, 'unary', [{ text: 'y' }]));
    await serverDone(2);
    expect(seen.afterAwait).toEqual({ user: 'bob', grpc_server_method: 'census.test.Echo/Unary' });
    expect(rows(stats, serverByUser)).toEqual([
      { tags: { user: 'alice', grpc_server_method: 'census.test.Echo/Unary', grpc_server_status: 'OK' }, count: 1 },
      { tags: { user: 'bob', grpc_server_method: 'census.test.Echo/Unary', grpc_server_status: 'OK' }, count: 1 },
    ]);
    expect(rows(stats, clientByUser)).toEqual([
      { tags: { user: 'alice', grpc_client_method: 'census.test.Echo/Unary' }, count: 1 },
      { tags: { user: 'bob', grpc_client_method: 'census.test.Echo/Unary' }, count: 1 },
    ]);
  });

  it('gives a streaming handler the tags in its data callbacks', async () => {
    const out = await withTags(TagMap.from({ user: 'carol' }), () => run(client, 'bidi', [{ text: 'a' }]));
    expect(out.messages).toEqual([{ text: 'a' }]);
    expect(seen.inData).toEqual({ user: 'carol', grpc_server_method: 'census.test.Echo/Bidi' });
  });

  it('drops tags it cannot encode (over 8192 bytes): no header, counted, the RPC unaffected', async () => {
    const big = TagMap.from(Array.from({ length: 40 }, (_, i) => [`key${i}`, 'v'.repeat(250)] as [string, string]));
    const out = await withTags(big, () => run(client, 'unary', [{ text: 'x' }]));
    expect({ code: out.code, messages: out.messages }).toEqual({ code: 0, messages: [{ text: 'x' }] });
    expect(seen.header).toEqual([]);
    expect(stats.diagnostics.get('grpc.tagsEncodeFailed')).toBe(1);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/tags not propagated/);
  });

  it.each([
    ['garbage', Buffer.from('ffff', 'hex')],
    ['a truncated tag', Buffer.from('0000026b', 'hex')],
    ['version 1', Buffer.from('01', 'hex')],
  ])('ignores and counts a malformed header (%s); the RPC proceeds normally', async (_name, garbage) => {
    const md = new grpc.Metadata();
    md.set('grpc-tags-bin', garbage);
    const out = await run(client, 'unary', [{ text: 'x' }], { metadata: md });
    await serverDone(1);
    expect({ code: out.code, messages: out.messages }).toEqual({ code: 0, messages: [{ text: 'x' }] });
    expect(stats.diagnostics.get('grpc.malformedTagsHeader')).toBe(1);
    expect(seen.afterAwait).toEqual({ grpc_server_method: 'census.test.Echo/Unary' });
    expect(rows(stats, serverByUser)).toEqual([{ tags: { grpc_server_method: 'census.test.Echo/Unary', grpc_server_status: 'OK' }, count: 1 }]);
  });

  it('never changes the caller metadata object', async () => {
    const md = new grpc.Metadata();
    md.set('x-user', 'u');
    await withTags(TagMap.from({ k1: 'ab' }), () => run(client, 'unary', [{ text: 'x' }], { metadata: md }));
    expect(md.getMap()).toEqual({ 'x-user': 'u' });
    expect(seen.header).toEqual(['0000026b31026162']);
  });
});
