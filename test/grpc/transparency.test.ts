import * as grpc from '@grpc/grpc-js';
import { TagMap, clientOptions, createServer, withTags } from '../../src';
import { echoClient, run, serveEcho, type Outcome } from './helpers/harness';
import { statsWithAllViews } from './helpers/views';

// The plugin must not change what an application sees: messages, status code
// and details, user metadata. Only our two -bin headers may be added.
type Kind = 'unary' | 'clientStream' | 'serverStream' | 'bidi';
// [name, kind, request texts, deadline ms (0: none)]
const calls: [string, Kind, string[], number][] = [
  ['unary OK', 'unary', ['abc'], 0],
  ['unary throws', 'unary', ['throw'], 0],
  ['unary error with trailers', 'unary', ['error:8'], 0],
  ['unary deadline', 'unary', ['hang'], 200],
  ['client-stream OK', 'clientStream', ['a', 'b'], 0],
  ['client-stream error', 'clientStream', ['error:', '10'], 0],
  ['server-stream OK', 'serverStream', ['many:4'], 0],
  ['server-stream error', 'serverStream', ['error:11'], 0],
  ['bidi OK', 'bidi', ['x', 'yz'], 0],
  ['bidi error', 'bidi', ['x', 'error:15'], 0],
];

function comparable(o: Outcome) {
  const strip = (m: Record<string, unknown>) => {
    const { date: _d, 'grpc-server-stats-bin': _s, ...rest } = m;
    return rest;
  };
  // A deadline's status comes from whichever side's timer fires first, a race
  // inside grpc-js, plain or not: the client's own ends with no trailers, the
  // server's with its response headers (content-type) as trailers.
  const deadlineTrailers = (m: Record<string, unknown>) => {
    const { 'content-type': _c, ...rest } = strip(m);
    return rest;
  };
  return {
    code: o.code,
    // Deadline details carry timings; everything else must match exactly.
    details: o.code === grpc.status.DEADLINE_EXCEEDED ? o.details.split(' after ')[0] : o.details,
    messages: o.messages,
    headers: strip(o.headers),
    trailers: o.code === grpc.status.DEADLINE_EXCEEDED ? deadlineTrailers(o.trailers) : strip(o.trailers),
  };
}

describe('an instrumented call looks exactly like a plain one', () => {
  let plainServer: grpc.Server;
  let plainClient: grpc.Client;
  let server: grpc.Server;
  let client: grpc.Client;
  let gzipClient: grpc.Client;

  beforeAll(async () => {
    plainServer = new grpc.Server();
    plainClient = echoClient(await serveEcho(plainServer));
    const stats = statsWithAllViews();
    server = createServer({ census: { stats } });
    const address = await serveEcho(server);
    client = echoClient(address, clientOptions({ stats }));
    gzipClient = echoClient(address, clientOptions({ stats }, { 'grpc.default_compression_algorithm': 2 }));
  });

  afterAll(() => {
    for (const c of [plainClient, client, gzipClient]) c.close();
    plainServer.forceShutdown();
    server.forceShutdown();
  });

  it.each(calls)('%s', async (_name, kind, texts, deadlineMs) => {
    const opts = () => {
      const metadata = new grpc.Metadata();
      metadata.set('x-user', 'u');
      return { metadata, callOptions: deadlineMs ? { deadline: Date.now() + deadlineMs } : {} };
    };
    const requests = texts.map((text) => ({ text }));
    const plain = comparable(await run(plainClient, kind, requests, opts()));
    const measured = comparable(await withTags(TagMap.from({ user: 'u' }), () => run(client, kind, requests, opts())));
    const compressed = comparable(await run(gzipClient, kind, requests, opts()));
    expect(measured).toEqual(plain);
    expect(compressed).toEqual(plain);
  });

  it('adds nothing to the trailers by default (serverStatsTrailer is off)', async () => {
    const out = await run(client, 'unary', [{ text: 'error:8' }]);
    expect(Object.keys(out.trailers).sort()).toEqual(['content-type', 'date', 'x-trailer'].sort());
  });
});
