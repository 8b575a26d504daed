import * as grpc from '@grpc/grpc-js';
import { clientOptions, createServer, serverInterceptor, type Stats } from '../../src';
import { GZIP, a66Rows, encodeMsg, gzipSize, statsWithA66, table } from './helpers/a66';
import { hangs, msgSize } from './helpers/echo-service';
import { echoClient, run, serveEcho } from './helpers/harness';
import { waitFor } from './helpers/views';

// gRFC A66's server instruments over real grpc-js on loopback, exact.

const STARTED = 'grpc.server.call.started';
const DURATION = 'grpc.server.call.duration';
const SENT = 'grpc.server.call.sent_total_compressed_message_size';
const RCVD = 'grpc.server.call.rcvd_total_compressed_message_size';
const identity = (b: Buffer) => b;

const m = (method: string) => `grpc.method=census.test.Echo/${method}`;
const ended = (method: string, status: string) => `${method === 'other' ? 'grpc.method=other' : m(method)},grpc.status=${status}`;

async function serve(stats: Stats, census: Parameters<typeof createServer>[0] = {}) {
  const server = createServer({ ...census, census: { stats, ...census.census } });
  const address = await serveEcho(server);
  return { server, address };
}

async function ended_(stats: Stats, n: number): Promise<void> {
  await waitFor(() => a66Rows(stats, DURATION).reduce((k, r) => k + r.count, 0) === n, `${n} server calls ended`);
}

describe('A66 server instruments', () => {
  it.each([
    ['unary', 'Unary', ['abc'], ['ABC']],
    ['clientStream', 'ClientStream', ['ab', 'cd', ''], ['ABCD']],
    ['serverStream', 'ServerStream', ['many:3'], ['r0', 'r1', 'r2']],
    ['bidi', 'Bidi', ['a', 'bb'], ['A', 'BB']],
  ] as const)('%s OK: started, duration, sizes exact', async (kind, method, send, reply) => {
    const stats = statsWithA66();
    const { server, address } = await serve(stats);
    const c = echoClient(address);
    const out = await run(c, kind, send.map((text) => ({ text })));
    expect(out.messages.map((x) => x.text)).toEqual(reply);
    await ended_(stats, 1);
    const sum = (texts: readonly string[]) => texts.reduce((n, t) => n + msgSize(t), 0);
    expect(table(stats, STARTED)).toEqual({ [m(method)]: 1 });
    expect(table(stats, SENT)).toEqual({ [ended(method, 'OK')]: [1, sum(reply)] });
    expect(table(stats, RCVD)).toEqual({ [ended(method, 'OK')]: [1, sum(send)] });
    const [row] = a66Rows(stats, DURATION);
    expect(row.count).toBe(1);
    expect(row.sum).toBeGreaterThan(0);
    c.close();
    server.forceShutdown();
  });

  it('sizes a gzip-compressed request as it arrived, the 0-byte message in the 0 bucket', async () => {
    const stats = statsWithA66();
    const { server, address } = await serve(stats);
    const c = echoClient(address, GZIP);
    const text = 'b'.repeat(300);
    await run(c, 'unary', [{ text }]);
    await run(c, 'unary', [{}]);
    await ended_(stats, 2);
    const compressedEmpty = gzipSize(Buffer.alloc(0));
    expect(table(stats, RCVD)).toEqual({ [ended('Unary', 'OK')]: [2, gzipSize(encodeMsg(text)) + compressedEmpty] });
    // responses are never compressed by a grpc-js server: the empty reply `{ text: '' }` is 2 bytes
    expect(table(stats, SENT)).toEqual({ [ended('Unary', 'OK')]: [2, encodeMsg(text.toUpperCase()).length + msgSize('')] });
    c.close();
    server.forceShutdown();
  });

  it('counts a 0-byte request in the 0 bucket (no compression)', async () => {
    const stats = statsWithA66();
    const { server, address } = await serve(stats);
    const c = echoClient(address);
    await run(c, 'unary', [{}]);
    await ended_(stats, 1);
    const [row] = a66Rows(stats, RCVD);
    expect(row.sum).toBe(0);
    expect(row.buckets).toEqual([1, ...new Array(14).fill(0)]);
    c.close();
    server.forceShutdown();
  });

  it('records the endings: error status, throw, deadline, cancellation, registered but unimplemented', async () => {
    const stats = statsWithA66();
    const { server, address } = await serve(stats);
    const c = echoClient(address);
    await run(c, 'unary', [{ text: 'error:5' }]);
    await run(c, 'unary', [{ text: 'throw' }]);
    await run(c, 'unary', [{ text: 'hang' }], { callOptions: { deadline: Date.now() + 200 } });
    const hung = new Promise((r) => hangs.once('hang', r));
    await run(c, 'unary', [{ text: 'hang' }], { act: (call) => void hung.then(() => call.cancel()) });
    await run(c, 'unary', [{ text: 'a' }], { method: 'Missing' });
    await ended_(stats, 5);
    expect(table(stats, STARTED)).toEqual({ [m('Missing')]: 1, [m('Unary')]: 4 });
    const counts = Object.fromEntries(a66Rows(stats, DURATION).map((r) => [Object.values(r.tags).join(' '), r.count]));
    expect(counts).toEqual({
      'census.test.Echo/Unary NOT_FOUND': 1,
      'census.test.Echo/Unary UNKNOWN': 1,
      'census.test.Echo/Unary DEADLINE_EXCEEDED': 1,
      'census.test.Echo/Unary CANCELLED': 1,
      'census.test.Echo/Missing UNIMPLEMENTED': 1,
    });
    c.close();
    server.forceShutdown();
  });

  it('records a call to a method the server does not know as "other", UNIMPLEMENTED, 0 bytes', async () => {
    const stats = statsWithA66();
    const { server, address } = await serve(stats);
    const generic = new grpc.Client(address, grpc.credentials.createInsecure());
    const code = await new Promise<number>((resolve) =>
      generic.makeUnaryRequest('/census.test.Echo/Nope', identity, identity, encodeMsg('abc'), (err) => resolve(err ? err.code : 0)),
    );
    expect(code).toBe(grpc.status.UNIMPLEMENTED);
    await ended_(stats, 1);
    expect(table(stats, STARTED)).toEqual({ 'grpc.method=other': 1 });
    expect(table(stats, SENT)).toEqual({ [ended('other', 'UNIMPLEMENTED')]: [1, 0] });
    expect(table(stats, RCVD)).toEqual({ [ended('other', 'UNIMPLEMENTED')]: [1, 0] });
    generic.close();
    server.forceShutdown();
  });

  it('follows methodAttributeFilter for registered methods; unknown methods stay "other"', async () => {
    const stats = statsWithA66();
    const { server, address } = await serve(stats, { census: { methodAttributeFilter: (p) => p !== '/census.test.Echo/Unary' } });
    const c = echoClient(address);
    await run(c, 'unary', [{ text: 'a' }]);
    await run(c, 'bidi', [{ text: 'a' }]);
    const generic = new grpc.Client(address, grpc.credentials.createInsecure());
    await new Promise((resolve) => generic.makeUnaryRequest('/x.Y/Z', identity, identity, Buffer.alloc(0), resolve));
    await ended_(stats, 3);
    expect(table(stats, STARTED)).toEqual({ 'grpc.method=other': 2, [m('Bidi')]: 1 });
    c.close();
    generic.close();
    server.forceShutdown();
  });

  it('records client and server A66 views beside the OpenCensus ones, from the same calls', async () => {
    const { DefaultServerViews, ServerCompletedRPCsView } = await import('../../src');
    const stats = statsWithA66(...DefaultServerViews);
    const { server, address } = await serve(stats);
    const c = echoClient(address, clientOptions({ stats }));
    await run(c, 'unary', [{ text: 'abc' }]);
    await ended_(stats, 1);
    expect(stats.retrieveData(ServerCompletedRPCsView).map((r) => r.data)).toEqual([{ type: 'count', value: 1 }]);
    expect(table(stats, 'grpc.client.attempt.started')).toEqual({ [`grpc.method=census.test.Echo/Unary,grpc.target=dns:///${address}`]: 1 });
    c.close();
    server.forceShutdown();
  });

  it('serverInterceptor() alone records started and duration; sizes need createServer', async () => {
    const stats = statsWithA66();
    const server = new grpc.Server({ interceptors: [serverInterceptor({ stats })] });
    const address = await serveEcho(server);
    const c = echoClient(address);
    await run(c, 'unary', [{ text: 'abc' }]);
    await ended_(stats, 1);
    expect(table(stats, STARTED)).toEqual({ [m('Unary')]: 1 });
    expect(a66Rows(stats, SENT)).toEqual([]);
    c.close();
    server.forceShutdown();
  });

  it('serverInterceptor() behind another interceptor still sizes gzip-compressed requests as they arrived', async () => {
    const stats = statsWithA66();
    const passThrough: grpc.ServerInterceptor = (_method, call) => new grpc.ServerInterceptingCall(call);
    const server = new grpc.Server({ interceptors: [passThrough, serverInterceptor({ stats })] });
    const address = await serveEcho(server);
    const c = echoClient(address, GZIP);
    const text = 'q'.repeat(150);
    await run(c, 'unary', [{ text }]);
    await ended_(stats, 1);
    expect(table(stats, RCVD)).toEqual({ [ended('Unary', 'OK')]: [1, gzipSize(encodeMsg(text))] });
    expect(stats.diagnostics.get('grpc.internalUnavailable.serverReceivedFrames')).toBe(0);
    c.close();
    server.forceShutdown();
  });
});
