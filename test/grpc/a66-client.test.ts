import * as grpc from '@grpc/grpc-js';
import { ClientCompletedRPCsView, clientOptions, createServer, type Stats } from '../../src';
import { A66Row, GZIP, a66Rows, encodeMsg, gzipSize, statsWithA66, table } from './helpers/a66';
import { echoImpl, hangs, msgSize, type Msg } from './helpers/echo-service';
import { echoClient, listen, run, serveEcho } from './helpers/harness';
import { waitFor } from './helpers/views';
import { takeProcessWarnings } from '../support/process-warnings';

// gRFC A66's client instruments over real grpc-js on loopback: per-attempt
// and per-call values, exact (counts, sums, buckets, attributes).

const UNARY = 'census.test.Echo/Unary';
const STARTED = 'grpc.client.attempt.started';
const ATTEMPT = 'grpc.client.attempt.duration';
const SENT = 'grpc.client.attempt.sent_total_compressed_message_size';
const RCVD = 'grpc.client.attempt.rcvd_total_compressed_message_size';
const CALL = 'grpc.client.call.duration';

const identity = (b: Buffer) => b;

let server: grpc.Server;
let address: string;
let target: string;
let flaky = 0;

beforeAll(async () => {
  server = new grpc.Server();
  address = await serveEcho(server, {
    ...echoImpl,
    Unary(call: grpc.ServerUnaryCall<Msg, Msg>, cb: grpc.sendUnaryData<Msg>) {
      // `flaky`: UNAVAILABLE while `flaky` > 0, then an echo.
      if (call.request.text === 'flaky' && flaky > 0) {
        flaky--;
        cb({ code: grpc.status.UNAVAILABLE, details: 'try again' }, null);
        return;
      }
      (echoImpl.Unary as grpc.handleUnaryCall<Msg, Msg>)(call, cb);
    },
  });
  target = `dns:///${address}`;
});

afterAll(() => server.forceShutdown());

function client(stats: Stats, base: grpc.ClientOptions = {}, extra: Parameters<typeof clientOptions>[0] = {}) {
  return echoClient(address, clientOptions({ stats, ...extra }, base));
}

/** tags of one attempt/call row */
const ended = (status: string, method = UNARY, t = target) => `grpc.method=${method},grpc.target=${t},grpc.status=${status}`;
const begun = (method = UNARY, t = target) => `grpc.method=${method},grpc.target=${t}`;

describe('A66 client instruments', () => {
  it('records one attempt and one call for a unary OK, sizes exact and in upper-inclusive buckets', async () => {
    const stats = statsWithA66();
    const c = client(stats);
    const out = await run(c, 'unary', [{ text: 'abc' }]);
    expect(out.code).toBe(0);
    expect(table(stats, STARTED)).toEqual({ [begun()]: 1 });
    expect(table(stats, SENT)).toEqual({ [ended('OK')]: [1, msgSize('abc')] });
    expect(table(stats, RCVD)).toEqual({ [ended('OK')]: [1, msgSize('ABC')] });
    expect(a66Rows(stats, ATTEMPT).map((r) => [r.tags, r.count])).toEqual([[tagsOf(ended('OK')), 1]]);
    expect(a66Rows(stats, CALL).map((r) => [r.tags, r.count])).toEqual([[tagsOf(ended('OK')), 1]]);
    // 5 bytes: (0, 1024] is bucket 1
    expect(a66Rows(stats, SENT)[0].buckets).toEqual(oneIn(1, 15));
    c.close();
  });

  it('puts an empty message in the 0 bucket and a 1024-byte one in the bucket 1024 closes', async () => {
    const stats = statsWithA66();
    const c = client(stats);
    await run(c, 'unary', [{}]); // `{}` serializes to 0 bytes
    const big = 'x'.repeat(1021); // 0a, 2-byte length, 1021 bytes = 1024
    expect(encodeMsg(big).length).toBe(1024);
    await run(c, 'unary', [{ text: big }]);
    const sent = a66Rows(stats, SENT);
    expect(sent).toHaveLength(1);
    expect(sent[0].sum).toBe(1024);
    expect(sent[0].buckets).toEqual([1, 1, ...new Array(13).fill(0)]);
    c.close();
  });

  it.each([
    ['clientStream', ['ab', 'cd', ''], ['ABCD'], 'ClientStream'],
    ['serverStream', ['many:3'], ['r0', 'r1', 'r2'], 'ServerStream'],
    ['bidi', ['a', 'bb'], ['A', 'BB'], 'Bidi'],
  ] as const)('%s: sums every message of the attempt', async (kind, send, reply, method) => {
    const stats = statsWithA66();
    const c = client(stats);
    const out = await run(c, kind, send.map((text) => ({ text })));
    expect(out.messages.map((m) => m.text)).toEqual(reply);
    const m = `census.test.Echo/${method}`;
    const sum = (texts: readonly string[]) => texts.reduce((n, t) => n + msgSize(t), 0);
    expect(table(stats, STARTED)).toEqual({ [begun(m)]: 1 });
    expect(table(stats, SENT)).toEqual({ [ended('OK', m)]: [1, sum(send)] });
    expect(table(stats, RCVD)).toEqual({ [ended('OK', m)]: [1, sum(reply)] });
    expect(countOf(stats, CALL)).toEqual({ [ended('OK', m)]: 1 });
    c.close();
  });

  it('counts 3 attempts and 1 call for a retry policy against a server failing UNAVAILABLE twice', async () => {
    const stats = statsWithA66(ClientCompletedRPCsView);
    const serviceConfig = {
      methodConfig: [
        {
          name: [{ service: 'census.test.Echo' }],
          retryPolicy: { maxAttempts: 4, initialBackoff: '0.01s', maxBackoff: '0.01s', backoffMultiplier: 1, retryableStatusCodes: ['UNAVAILABLE'] },
        },
      ],
    };
    const c = client(stats, { 'grpc.service_config': JSON.stringify(serviceConfig) });
    flaky = 2;
    const out = await run(c, 'unary', [{ text: 'flaky' }]);
    expect(out.code).toBe(0);
    expect(table(stats, STARTED)).toEqual({ [begun()]: 3 });
    expect(countOf(stats, ATTEMPT)).toEqual({ [ended('OK')]: 1, [ended('UNAVAILABLE')]: 2 });
    // every attempt sent the request again; only the last one got a reply
    expect(table(stats, SENT)).toEqual({ [ended('OK')]: [1, msgSize('flaky')], [ended('UNAVAILABLE')]: [2, 2 * msgSize('flaky')] });
    expect(table(stats, RCVD)).toEqual({ [ended('OK')]: [1, msgSize('FLAKY')], [ended('UNAVAILABLE')]: [2, 0] });
    expect(countOf(stats, CALL)).toEqual({ [ended('OK')]: 1 });
    // the OpenCensus view on the same path sees one call
    expect(stats.retrieveData(ClientCompletedRPCsView).map((r) => r.data)).toEqual([{ type: 'count', value: 1 }]);
    c.close();
  });

  it("sees the one attempt of a call on a channel with retries disabled (grpc-js < 1.13 then skips RetryingCall)", async () => {
    const stats = statsWithA66();
    const c = client(stats, { 'grpc.enable_retries': 0 });
    expect((await run(c, 'unary', [{ text: 'abc' }])).code).toBe(0);
    expect(table(stats, STARTED)).toEqual({ [begun()]: 1 });
    expect(table(stats, SENT)).toEqual({ [ended('OK')]: [1, msgSize('abc')] });
    c.close();
  });

  it('counts hedged attempts: 2 attempts (one committed, one discarded) and 1 call', async () => {
    const stats = statsWithA66();
    const slow = new grpc.Server();
    const slowAddress = await serveEcho(slow, {
      ...echoImpl,
      Unary(call: grpc.ServerUnaryCall<Msg, Msg>, cb: grpc.sendUnaryData<Msg>) {
        setTimeout(() => cb(null, { text: call.request.text }), 100);
      },
    });
    const serviceConfig = { methodConfig: [{ name: [{ service: 'census.test.Echo' }], hedgingPolicy: { maxAttempts: 2, hedgingDelay: '0s' } }] };
    const c = echoClient(slowAddress, clientOptions({ stats }, { 'grpc.service_config': JSON.stringify(serviceConfig) }));
    expect((await run(c, 'unary', [{ text: 'h' }])).code).toBe(0);
    const t = `dns:///${slowAddress}`;
    expect(table(stats, STARTED)).toEqual({ [begun(UNARY, t)]: 2 });
    expect(countOf(stats, ATTEMPT)).toEqual({ [ended('OK', UNARY, t)]: 1, [ended('CANCELLED', UNARY, t)]: 1 });
    expect(countOf(stats, CALL)).toEqual({ [ended('OK', UNARY, t)]: 1 });
    c.close();
    slow.forceShutdown();
  });

  it('sizes gzip-compressed requests exactly as they go on the wire (responses: grpc-js servers never compress)', async () => {
    const stats = statsWithA66();
    const c = client(stats, GZIP);
    const text = 'a'.repeat(100);
    await run(c, 'unary', [{ text }]);
    const wire = gzipSize(encodeMsg(text));
    expect(wire).toBeLessThan(msgSize(text));
    expect(table(stats, SENT)).toEqual({ [ended('OK')]: [1, wire] });
    expect(table(stats, RCVD)).toEqual({ [ended('OK')]: [1, msgSize(text.toUpperCase())] });
    c.close();
  });

  it('records the endings: error status, deadline, cancellation', async () => {
    const stats = statsWithA66();
    const c = client(stats);
    expect((await run(c, 'unary', [{ text: 'error:5' }])).code).toBe(5);
    const hung = new Promise((r) => hangs.once('hang', r));
    const cancelled = run(c, 'unary', [{ text: 'hang' }], { act: (call) => void hung.then(() => call.cancel()) });
    expect((await cancelled).code).toBe(1);
    const deadline = await run(c, 'unary', [{ text: 'hang' }], { callOptions: { deadline: Date.now() + 200 } });
    expect(deadline.code).toBe(4);
    const expected = { [ended('NOT_FOUND')]: 1, [ended('CANCELLED')]: 1, [ended('DEADLINE_EXCEEDED')]: 1 };
    expect(countOf(stats, ATTEMPT)).toEqual(expected);
    expect(countOf(stats, CALL)).toEqual(expected);
    expect(table(stats, STARTED)).toEqual({ [begun()]: 3 });
    c.close();
  });

  it('an attempt that never gets a connection sent 0 bytes (UNAVAILABLE)', async () => {
    const stats = statsWithA66();
    const dead = await deadAddress();
    const c = echoClient(dead, clientOptions({ stats }));
    expect((await run(c, 'unary', [{ text: 'abc' }])).code).toBe(14);
    const t = `dns:///${dead}`;
    expect(table(stats, STARTED)).toEqual({ [begun(UNARY, t)]: 1 });
    expect(table(stats, SENT)).toEqual({ [ended('UNAVAILABLE', UNARY, t)]: [1, 0] });
    expect(table(stats, RCVD)).toEqual({ [ended('UNAVAILABLE', UNARY, t)]: [1, 0] });
    expect(countOf(stats, CALL)).toEqual({ [ended('UNAVAILABLE', UNARY, t)]: 1 });
    c.close();
  });

  describe('grpc.method', () => {
    it('is "other" for generic calls (a plain grpc.Client) and for paths the stub does not declare', async () => {
      const stats = statsWithA66();
      const generic = new grpc.Client(address, grpc.credentials.createInsecure(), clientOptions({ stats }));
      await unaryRaw(generic, `/${UNARY}`, encodeMsg('abc'));
      const stub = client(stats);
      await unaryRaw(stub, '/census.test.Echo/Nope', encodeMsg('abc'));
      expect(table(stats, STARTED)).toEqual({ [begun('other')]: 2 });
      expect(countOf(stats, CALL)).toEqual({ [ended('OK', 'other')]: 1, [ended('UNIMPLEMENTED', 'other')]: 1 });
      generic.close();
      stub.close();
    });

    it('names stub methods when clientOptions() is stacked on itself (the inner layer measures)', async () => {
      const stats = statsWithA66();
      const c = echoClient(address, clientOptions({ stats }, clientOptions({ stats })));
      await run(c, 'unary', [{ text: 'a' }]);
      expect(table(stats, STARTED)).toEqual({ [begun()]: 1 });
      expect(countOf(stats, CALL)).toEqual({ [ended('OK')]: 1 });
      expect(stats.diagnostics.get('grpc.stackedLayers')).toBe(1);
      expect(takeProcessWarnings()).toEqual([expect.objectContaining({ code: 'GRPC_CENSUS', message: expect.stringContaining('two census layers on one client call') })]);
      c.close();
    });

    it('follows methodAttributeFilter: false → "other", true → the name (generic calls included)', async () => {
      const stats = statsWithA66();
      const seen: string[] = [];
      const filter = (m: string) => {
        seen.push(m);
        return m !== '/census.test.Echo/ClientStream';
      };
      const stub = client(stats, {}, { methodAttributeFilter: filter });
      await run(stub, 'unary', [{ text: 'a' }]);
      await run(stub, 'clientStream', [{ text: 'a' }]);
      const generic = new grpc.Client(address, grpc.credentials.createInsecure(), clientOptions({ stats, methodAttributeFilter: () => true }));
      await unaryRaw(generic, `/${UNARY}`, encodeMsg('abc'));
      expect(table(stats, STARTED)).toEqual({ [begun()]: 2, [begun('other')]: 1 });
      expect(seen).toEqual(['/census.test.Echo/Unary', '/census.test.Echo/ClientStream']);
      stub.close();
      generic.close();
    });

    it('is "other" when the filter throws, counted in diagnostics', async () => {
      const stats = statsWithA66();
      const c = client(stats, {}, {
        methodAttributeFilter: () => {
          throw new Error('bad filter');
        },
      });
      const out = await run(c, 'unary', [{ text: 'a' }]);
      expect(out.code).toBe(0);
      expect(table(stats, STARTED)).toEqual({ [begun('other')]: 1 });
      expect(stats.diagnostics.get('grpc.internalErrors')).toBeGreaterThan(0);
      expect(takeProcessWarnings()).toEqual([expect.objectContaining({ code: 'GRPC_CENSUS', message: expect.stringContaining('Error: bad filter') })]);
      c.close();
    });

    it('rejects a filter that is not a function at construction', () => {
      expect(() => clientOptions({ methodAttributeFilter: 'yes' as never })).toThrow(TypeError);
      expect(() => createServer({ census: { methodAttributeFilter: 1 as never } })).toThrow(/methodAttributeFilter/);
    });
  });

  describe('grpc.target', () => {
    it.each([
      ['host:port', (a: string) => a, (a: string) => `dns:///${a}`],
      ['dns:///host:port', (a: string) => `dns:///${a}`, (a: string) => `dns:///${a}`],
      ['ipv4:host:port', (a: string) => `ipv4:${a}`, (a: string) => `ipv4:${a}`],
    ])('%s is recorded in canonical form', async (_name, given, canonical) => {
      const stats = statsWithA66();
      const c = echoClient(given(address), clientOptions({ stats }));
      await run(c, 'unary', [{ text: 'a' }]);
      expect(table(stats, STARTED)).toEqual({ [begun(UNARY, canonical(address))]: 1 });
      c.close();
    });
  });

  it('records nothing A66 when no A66 view is registered, and both sets from one path when both are', async () => {
    const { Stats, DefaultClientViews } = await import('../../src');
    const ocOnly = new Stats();
    ocOnly.registerView(...DefaultClientViews);
    const c1 = client(ocOnly);
    await run(c1, 'unary', [{ text: 'a' }]);
    expect(ocOnly.retrieveData(ClientCompletedRPCsView)).toHaveLength(1);
    c1.close();
    const both = statsWithA66(...DefaultClientViews);
    const c2 = client(both);
    await run(c2, 'unary', [{ text: 'a' }]);
    expect(both.retrieveData(ClientCompletedRPCsView).map((r) => r.data)).toEqual([{ type: 'count', value: 1 }]);
    expect(countOf(both, CALL)).toEqual({ [ended('OK')]: 1 });
    c2.close();
  });

  it('the server side of the same calls is recorded too when the server is instrumented', async () => {
    const stats = statsWithA66();
    const s = createServer({ census: { stats } });
    const addr = await serveEcho(s);
    const c = echoClient(addr, clientOptions({ stats }));
    await run(c, 'unary', [{ text: 'abc' }]);
    await waitFor(() => a66Rows(stats, 'grpc.server.call.duration').length === 1, 'server end');
    expect(table(stats, 'grpc.server.call.started')).toEqual({ [`grpc.method=${UNARY}`]: 1 });
    c.close();
    s.forceShutdown();
  });
});

function tagsOf(key: string): Record<string, string> {
  return Object.fromEntries(key.split(',').map((kv) => kv.split('=') as [string, string]));
}

function countOf(stats: Stats, name: string): Record<string, number> {
  return Object.fromEntries(Object.entries(table(stats, name)).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
}

function oneIn(index: number, length: number): number[] {
  const out = new Array(length).fill(0);
  out[index] = 1;
  return out;
}

function unaryRaw(c: grpc.Client, path: string, message: Buffer): Promise<number> {
  return new Promise((resolve) => c.makeUnaryRequest(path, identity, identity, message, (err) => resolve(err ? err.code : 0)));
}

/** An address nothing listens on: a port bound and released. */
async function deadAddress(): Promise<string> {
  const s = new grpc.Server();
  const addr = await listen(s);
  await new Promise<void>((r) => s.tryShutdown(() => r()));
  return addr;
}

export type { A66Row };
