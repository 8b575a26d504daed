import * as grpc from '@grpc/grpc-js';
import { TagMap, ViewsStatsHandler, clientOptions, createServer, currentTags, withTags, type RpcEvent, type RpcInfo, type StatsHandler } from '../../src';
import { msgSize } from './helpers/echo-service';
import { echoClient, run, serveEcho } from './helpers/harness';
import { rows, statsWithAllViews, waitFor } from './helpers/views';

/** Records every event of every RPC, as `type` or `type:length`. */
class Recorder implements StatsHandler<{ info: RpcInfo; tags: Record<string, string>; events: string[] }> {
  readonly rpcs: { info: RpcInfo; tags: Record<string, string>; events: string[] }[] = [];
  tagRpc(info: RpcInfo) {
    const rpc = { info, tags: currentTags().toObject(), events: [] as string[] };
    this.rpcs.push(rpc);
    return rpc;
  }
  handleRpc(rpc: { events: string[] }, e: RpcEvent) {
    rpc.events.push(e.type === 'outPayload' || e.type === 'inPayload' ? `${e.type}:${e.length}` : e.type === 'end' ? `end:${grpc.status[e.code]}` : e.type);
  }
  side(client: boolean) {
    return this.rpcs.filter((r) => r.info.client === client);
  }
}

async function withPlugin(handlers: Partial<StatsHandler<any>>[], body: (client: grpc.Client) => Promise<void>) { // eslint-disable-line @typescript-eslint/no-explicit-any
  const stats = statsWithAllViews();
  const server = createServer({ census: { stats, handlers } });
  const client = echoClient(await serveEcho(server), clientOptions({ stats, handlers }));
  try {
    await body(client);
  } finally {
    client.close();
    server.forceShutdown();
  }
  return stats;
}

const s = msgSize;
const cases: [string, 'unary' | 'clientStream' | 'serverStream', string[], string[], string[]][] = [
  ['unary OK', 'unary', ['abc'],
    ['begin', 'outHeader', `outPayload:${s('abc')}`, 'inHeader', `inPayload:${s('ABC')}`, 'inTrailer', 'end:OK'],
    ['begin', 'inHeader', `inPayload:${s('abc')}`, 'outHeader', `outPayload:${s('ABC')}`, 'outTrailer', 'end:OK']],
  ['unary error', 'unary', ['error:5'],
    ['begin', 'outHeader', `outPayload:${s('error:5')}`, 'inTrailer', 'end:NOT_FOUND'],
    ['begin', 'inHeader', `inPayload:${s('error:5')}`, 'outTrailer', 'end:NOT_FOUND']],
  ['client-streaming', 'clientStream', ['a', 'bc'],
    ['begin', 'outHeader', `outPayload:${s('a')}`, `outPayload:${s('bc')}`, 'inHeader', `inPayload:${s('ABC')}`, 'inTrailer', 'end:OK'],
    ['begin', 'inHeader', `inPayload:${s('a')}`, `inPayload:${s('bc')}`, 'outHeader', `outPayload:${s('ABC')}`, 'outTrailer', 'end:OK']],
  ['server-streaming', 'serverStream', ['many:2'],
    ['begin', 'outHeader', `outPayload:${s('many:2')}`, 'inHeader', `inPayload:${s('r0')}`, `inPayload:${s('r1')}`, 'inTrailer', 'end:OK'],
    ['begin', 'inHeader', `inPayload:${s('many:2')}`, 'outHeader', `outPayload:${s('r0')}`, `outPayload:${s('r1')}`, 'outTrailer', 'end:OK']],
];

describe('StatsHandler events', () => {
  it.each(cases)('%s: client and server see the documented order', async (_name, kind, send, clientEvents, serverEvents) => {
    const recorder = new Recorder();
    await withPlugin([recorder], async (client) => {
      await run(client, kind, send.map((text) => ({ text })));
      await waitFor(() => recorder.side(false).some((r) => r.events.some((e) => e.startsWith('end'))), 'server end');
    });
    expect(recorder.side(true).map((r) => r.events)).toEqual([clientEvents]);
    expect(recorder.side(false).map((r) => r.events)).toEqual([serverEvents]);
    const path = `/census.test.Echo/${{ unary: 'Unary', clientStream: 'ClientStream', serverStream: 'ServerStream' }[kind]}`;
    const streaming = { clientStreaming: kind === 'clientStream', serverStreaming: kind === 'serverStream' };
    expect({ ...recorder.side(true)[0].info }).toMatchObject({ fullMethod: path, client: true, ...streaming });
    expect({ ...recorder.side(false)[0].info }).toMatchObject({ fullMethod: path, client: false, ...streaming });
  });

  it('bidi: begin and headers first, payloads in between, trailer and end last', async () => {
    const recorder = new Recorder();
    await withPlugin([recorder], async (client) => {
      await run(client, 'bidi', [{ text: 'a' }, { text: 'bb' }]);
      await waitFor(() => recorder.side(false).some((r) => r.events.includes('end:OK')), 'server end');
    });
    const [c] = recorder.side(true).map((r) => r.events);
    const [sv] = recorder.side(false).map((r) => r.events);
    expect(c.slice(0, 2)).toEqual(['begin', 'outHeader']);
    expect(c.slice(-2)).toEqual(['inTrailer', 'end:OK']);
    expect(c.filter((e) => e.includes('Payload')).sort()).toEqual([`inPayload:${s('A')}`, `inPayload:${s('BB')}`, `outPayload:${s('a')}`, `outPayload:${s('bb')}`]);
    expect(c.indexOf('inHeader')).toBeLessThan(c.indexOf(`inPayload:${s('A')}`));
    expect(sv.slice(0, 3)).toEqual(['begin', 'inHeader', `inPayload:${s('a')}`]);
    expect(sv.slice(-2)).toEqual(['outTrailer', 'end:OK']);
    expect(sv.indexOf('outHeader')).toBeLessThan(sv.indexOf(`outPayload:${s('A')}`));
  });

  it('runs tagRpc in the RPC tag context: the caller tags on the client, the propagated tags plus the method on the server', async () => {
    const recorder = new Recorder();
    await withPlugin([recorder], async (client) => {
      await withTags(TagMap.from({ user: 'dana' }), () => run(client, 'unary', [{ text: 'x' }]));
    });
    expect(recorder.side(true)[0].tags).toEqual({ user: 'dana' });
    expect(recorder.side(false)[0].tags).toEqual({ user: 'dana', grpc_server_method: 'census.test.Echo/Unary' });
  });

  it('with `handlers`, runs exactly those: no views unless ViewsStatsHandler is listed', async () => {
    const recorder = new Recorder();
    const stats = await withPlugin([recorder], async (client) => {
      await run(client, 'unary', [{ text: 'x' }]);
    });
    expect(recorder.rpcs).toHaveLength(2);
    for (const v of stats.registeredViews()) expect(rows(stats, v)).toEqual([]);
  });

  it('ViewsStatsHandler listed in `handlers` records what the built-in path records', async () => {
    const viaHandler = statsWithAllViews();
    const recorder = new Recorder();
    await withPlugin([new ViewsStatsHandler(viaHandler), recorder], async (client) => {
      for (const text of ['abc', 'error:5']) await run(client, 'unary', [{ text }]);
      await run(client, 'serverStream', [{ text: 'many:3' }]);
      await waitFor(() => rows(viaHandler, 'grpc.io/server/completed_rpcs').reduce((n, r) => n + r.count, 0) === 3, 'server ends');
    });
    const direct = statsWithAllViews();
    const server = createServer({ census: { stats: direct } });
    const client = echoClient(await serveEcho(server), clientOptions({ stats: direct }));
    for (const text of ['abc', 'error:5']) await run(client, 'unary', [{ text }]);
    await run(client, 'serverStream', [{ text: 'many:3' }]);
    await waitFor(() => rows(direct, 'grpc.io/server/completed_rpcs').reduce((n, r) => n + r.count, 0) === 3, 'server ends');
    client.close();
    server.forceShutdown();
    const latencyFree = (st: typeof direct) =>
      st.registeredViews().map((v) => [v.name, rows(st, v).map((r) => (v.name.includes('latency') ? { ...r, sum: r.sum! > 0 } : r))]);
    expect(latencyFree(viaHandler)).toEqual(latencyFree(direct));
  });

  it('ends a call that never got a connection with connected: false, and ViewsStatsHandler counts nothing sent', async () => {
    const stats = statsWithAllViews();
    const ends: RpcEvent[] = [];
    const handlers = [new ViewsStatsHandler(stats), { handleRpc: (_s: unknown, e: RpcEvent) => void (e.type === 'end' && ends.push(e)) }];
    const dead = new grpc.Server();
    const address = await serveEcho(dead);
    dead.forceShutdown();
    const client = echoClient(address, clientOptions({ stats, handlers }));
    const outcome = await run(client, 'unary', [{ text: 'abc' }]);
    client.close();
    expect(outcome.code).toBe(grpc.status.UNAVAILABLE);
    expect(ends).toEqual([expect.objectContaining({ type: 'end', code: grpc.status.UNAVAILABLE, connected: false })]);
    expect(rows(stats, 'grpc.io/client/sent_messages_per_rpc')).toEqual([{ tags: { grpc_client_method: 'census.test.Echo/Unary' }, count: 1, sum: 0 }]);
    expect(rows(stats, 'grpc.io/client/sent_bytes_per_rpc')).toEqual([{ tags: { grpc_client_method: 'census.test.Echo/Unary' }, count: 1, sum: 0 }]);
  });

  it('isolates a throwing handler: the RPC and the other handlers go on; counted and warned once', async () => {
    const warnings: string[] = [];
    const recorder = new Recorder();
    const stats = statsWithAllViews({ warn: (m) => warnings.push(m) });
    const throwsInTag = { tagRpc: () => { throw new Error('tag boom'); }, handleRpc: () => { throw new Error('never called'); } };
    const throwsInHandle = { handleRpc: () => { throw new Error('handle boom'); } };
    const server = createServer({ census: { stats, handlers: [throwsInTag, throwsInHandle, recorder] } });
    const client = echoClient(await serveEcho(server), clientOptions({ stats, handlers: [throwsInTag, throwsInHandle, recorder] }));
    const out = await run(client, 'unary', [{ text: 'abc' }]);
    await waitFor(() => recorder.side(false).some((r) => r.events.includes('end:OK')), 'server end');
    client.close();
    server.forceShutdown();
    expect({ code: out.code, messages: out.messages }).toEqual({ code: 0, messages: [{ text: 'ABC' }] });
    expect(recorder.side(true)[0].events).toEqual(cases[0][3]);
    expect(recorder.side(false)[0].events).toEqual(cases[0][4]);
    // 2 tagRpc + 2 × 7 handleRpc failures.
    expect(stats.diagnostics.get('grpc.handlerErrors')).toBe(16);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/StatsHandler threw/);
  });
});
