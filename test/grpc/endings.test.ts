import * as grpc from '@grpc/grpc-js';
import { clientOptions, createServer, type Stats } from '../../src';
import { hangs, msgSize, type Msg } from './helpers/echo-service';
import { echoClient, listen, run, serveEcho, type Outcome } from './helpers/harness';
import { rows, statsWithAllViews, total, waitFor } from './helpers/views';

// Every call type × every ending: each view's rows must hold exactly the
// expected counts, sums and status tags, on both sides.

type Kind = 'unary' | 'clientStream' | 'serverStream' | 'bidi';
const METHOD: Record<Kind, string> = {
  unary: 'census.test.Echo/Unary',
  clientStream: 'census.test.Echo/ClientStream',
  serverStream: 'census.test.Echo/ServerStream',
  bidi: 'census.test.Echo/Bidi',
};
const sizes = (texts: string[]) => texts.reduce((n, t) => n + msgSize(t), 0);

interface Ending {
  name: string;
  kind: Kind;
  send: string[];
  /** Texts of the responses the client receives. */
  reply: string[];
  client: string;
  /** Server status, or null when the call never reaches a server interceptor. */
  server: string | null;
  /** Texts of the responses the client views count (default: `reply`; a unary call's application drops a response that came with an error). */
  clientGot?: string[];
  /** Texts the server receives (default: all of `send`). */
  serverGot?: string[];
  /** What the client views count as sent, when not `send` (a call that never got a connection sent nothing). */
  clientSent?: string[];
  /** What the server views count as sent, when not `reply` (a message grpc-js refused to send is not). */
  serverSent?: string[];
  /** grpc-js options of the server and of the client (size limits). */
  serverOptions?: grpc.ServerOptions;
  clientChannelOptions?: grpc.ClientOptions;
  deadlineMs?: number;
  cancel?: boolean;
  shutdown?: boolean;
  method?: string;
  noServer?: boolean;
}

const endings: Ending[] = [
  { name: 'unary OK', kind: 'unary', send: ['abc'], reply: ['ABC'], client: 'OK', server: 'OK' },
  { name: 'unary handler throws', kind: 'unary', send: ['throw'], reply: [], client: 'UNKNOWN', server: 'UNKNOWN' },
  { name: 'unary error status', kind: 'unary', send: ['error:5'], reply: [], client: 'NOT_FOUND', server: 'NOT_FOUND' },
  { name: 'unary unknown code', kind: 'unary', send: ['error:42'], reply: [], client: 'CODE_42', server: 'CODE_42' },
  { name: 'unary deadline', kind: 'unary', send: ['hang'], reply: [], client: 'DEADLINE_EXCEEDED', server: 'DEADLINE_EXCEEDED', deadlineMs: 300 },
  { name: 'unary cancelled', kind: 'unary', send: ['hang'], reply: [], client: 'CANCELLED', server: 'CANCELLED', cancel: true },
  { name: 'unary unimplemented', kind: 'unary', send: ['abc'], reply: [], client: 'UNIMPLEMENTED', server: 'UNIMPLEMENTED', method: 'Missing' },
  // The request never leaves the process: 0 sent messages and bytes, as opencensus-go records.
  { name: 'unary nothing listens', kind: 'unary', send: ['abc'], reply: [], client: 'UNAVAILABLE', server: null, noServer: true, clientSent: [] },
  { name: 'client-stream OK', kind: 'clientStream', send: ['a', 'b', ''], reply: ['AB'], client: 'OK', server: 'OK' },
  { name: 'client-stream deadline', kind: 'clientStream', send: ['hang'], reply: [], client: 'DEADLINE_EXCEEDED', server: 'DEADLINE_EXCEEDED', deadlineMs: 300 },
  { name: 'client-stream cancelled', kind: 'clientStream', send: ['hang'], reply: [], client: 'CANCELLED', server: 'CANCELLED', cancel: true },
  { name: 'server-stream OK', kind: 'serverStream', send: ['many:3'], reply: ['r0', 'r1', 'r2'], client: 'OK', server: 'OK' },
  { name: 'server-stream error after a message', kind: 'serverStream', send: ['error:7'], reply: ['partial'], client: 'PERMISSION_DENIED', server: 'PERMISSION_DENIED' },
  { name: 'server-stream handler throws', kind: 'serverStream', send: ['throw'], reply: [], client: 'UNKNOWN', server: 'UNKNOWN' },
  { name: 'server-stream deadline', kind: 'serverStream', send: ['hang'], reply: ['first'], client: 'DEADLINE_EXCEEDED', server: 'DEADLINE_EXCEEDED', deadlineMs: 300 },
  { name: 'server-stream server shuts down', kind: 'serverStream', send: ['hang'], reply: ['first'], client: 'CANCELLED', server: 'CANCELLED', shutdown: true },
  { name: 'bidi OK', kind: 'bidi', send: ['a', 'bb'], reply: ['A', 'BB'], client: 'OK', server: 'OK' },
  { name: 'bidi error status', kind: 'bidi', send: ['x', 'error:3'], reply: ['X'], client: 'INVALID_ARGUMENT', server: 'INVALID_ARGUMENT' },
  { name: 'bidi deadline', kind: 'bidi', send: ['y', 'hang'], reply: ['Y'], client: 'DEADLINE_EXCEEDED', server: 'DEADLINE_EXCEEDED', deadlineMs: 300 },
  { name: 'bidi cancelled', kind: 'bidi', send: ['y', 'hang'], reply: ['Y'], client: 'CANCELLED', server: 'CANCELLED', cancel: true },
  { name: 'bidi server shuts down', kind: 'bidi', send: ['y', 'hang'], reply: ['Y'], client: 'CANCELLED', server: 'CANCELLED', shutdown: true },
  // A second answer: the handler's answer waits for its message to be
  // written, the exception's status does not, so UNKNOWN goes out first. The
  // server records what went out, not the handler's first intent.
  { name: 'unary answers, then throws', kind: 'unary', send: ['answer-throw'], reply: [], client: 'UNKNOWN', server: 'UNKNOWN', clientGot: ['OK'], serverSent: ['OK'] },
  // Size limits, on either side.
  { name: 'unary request over the server limit', kind: 'unary', send: ['x'.repeat(64)], reply: [], client: 'RESOURCE_EXHAUSTED', server: 'RESOURCE_EXHAUSTED', serverGot: [], serverOptions: { 'grpc.max_receive_message_length': 32 } },
  { name: 'bidi message over the server limit after response headers', kind: 'bidi', send: ['a', 'x'.repeat(64)], reply: ['A'], client: 'RESOURCE_EXHAUSTED', server: 'RESOURCE_EXHAUSTED', serverGot: ['a'], serverOptions: { 'grpc.max_receive_message_length': 32 } },
  { name: 'unary response over the server send limit', kind: 'unary', send: ['big:64'], reply: [], client: 'RESOURCE_EXHAUSTED', server: 'RESOURCE_EXHAUSTED', serverSent: [], serverOptions: { 'grpc.max_send_message_length': 32 } },
  { name: 'unary request over the client send limit', kind: 'unary', send: ['x'.repeat(64)], reply: [], client: 'RESOURCE_EXHAUSTED', server: null, clientSent: [], clientChannelOptions: { 'grpc.max_send_message_length': 32 } },
  { name: 'unary response over the client receive limit', kind: 'unary', send: ['big:64'], reply: [], client: 'RESOURCE_EXHAUSTED', server: 'OK', serverSent: ['x'.repeat(64)], clientChannelOptions: { 'grpc.max_receive_message_length': 32 } },
];

describe.each(endings)('$name', (e) => {
  let stats: Stats;
  let server: grpc.Server;
  let client: grpc.Client;
  let outcome: Outcome;
  const method = e.method ? `census.test.Echo/${e.method}` : METHOD[e.kind];

  beforeAll(async () => {
    stats = statsWithAllViews();
    server = createServer({ ...e.serverOptions, census: { stats } });
    let address = await serveEcho(server);
    if (e.noServer) {
      server.forceShutdown();
      address = await freeAddress();
    }
    client = echoClient(address, clientOptions({ stats }, e.clientChannelOptions));
    outcome = await run(client, e.kind, e.send.map((text): Msg => ({ text })), {
      method: e.method,
      callOptions: e.deadlineMs ? { deadline: Date.now() + e.deadlineMs } : {},
      act: (call) => {
        if (!e.cancel && !e.shutdown) return;
        // Act once the handler hangs and the client holds every reply it will get.
        let replies = 0;
        (call as grpc.ClientReadableStream<Msg>).on('data', () => replies++);
        hangs.once('hang', () => {
          void waitFor(() => replies >= e.reply.length, 'replies').then(() => (e.cancel ? call.cancel() : server.forceShutdown()));
        });
      },
    });
    if (e.server !== null) await waitFor(() => total(stats, 'grpc.io/server/completed_rpcs') === 1, 'the server to record the end');
  });

  afterAll(() => {
    client.close();
    server.forceShutdown();
  });

  it('gives the application the expected status', () => {
    expect(grpc.status[outcome.code] ?? `CODE_${outcome.code}`).toBe(e.client);
    expect(outcome.messages.map((m) => m.text)).toEqual(e.reply);
  });

  it('records the client views exactly', () => {
    const m = { grpc_client_method: method };
    const clientSent = e.clientSent ?? e.send;
    const sentBytes = sizes(clientSent);
    const clientGot = e.clientGot ?? e.reply;
    const recvBytes = sizes(clientGot);
    expect(rows(stats, 'grpc.io/client/started_rpcs')).toEqual([{ tags: m, count: 1 }]);
    expect(rows(stats, 'grpc.io/client/completed_rpcs')).toEqual([{ tags: { ...m, grpc_client_status: e.client }, count: 1 }]);
    expect(rows(stats, 'grpc.io/client/sent_messages_per_rpc')).toEqual([{ tags: m, count: 1, sum: clientSent.length }]);
    expect(rows(stats, 'grpc.io/client/sent_bytes_per_rpc')).toEqual([{ tags: m, count: 1, sum: sentBytes }]);
    expect(rows(stats, 'grpc.io/client/received_messages_per_rpc')).toEqual([{ tags: m, count: 1, sum: clientGot.length }]);
    expect(rows(stats, 'grpc.io/client/received_bytes_per_rpc')).toEqual([{ tags: m, count: 1, sum: recvBytes }]);
    const latency = rows(stats, 'grpc.io/client/roundtrip_latency');
    expect(latency).toEqual([{ tags: m, count: 1, sum: expect.any(Number) }]);
    expect(latency[0].sum).toBeGreaterThan(0);
    // The server-latency trailer is off by default (test/grpc/server-latency.test.ts turns it on).
    expect(rows(stats, 'grpc.io/client/server_latency')).toEqual([]);
  });

  it('records the server views exactly', () => {
    if (e.server === null) {
      for (const v of stats.registeredViews().filter((x) => x.name.startsWith('grpc.io/server/'))) expect(rows(stats, v)).toEqual([]);
      return;
    }
    const m = { grpc_server_method: method };
    const got = e.serverGot ?? e.send;
    expect(rows(stats, 'grpc.io/server/started_rpcs')).toEqual([{ tags: m, count: 1 }]);
    expect(rows(stats, 'grpc.io/server/completed_rpcs')).toEqual([{ tags: { ...m, grpc_server_status: e.server }, count: 1 }]);
    expect(rows(stats, 'grpc.io/server/received_messages_per_rpc')).toEqual([{ tags: m, count: 1, sum: got.length }]);
    expect(rows(stats, 'grpc.io/server/received_bytes_per_rpc')).toEqual([{ tags: m, count: 1, sum: sizes(got) }]);
    const sent = e.serverSent ?? e.reply;
    expect(rows(stats, 'grpc.io/server/sent_messages_per_rpc')).toEqual([{ tags: m, count: 1, sum: sent.length }]);
    expect(rows(stats, 'grpc.io/server/sent_bytes_per_rpc')).toEqual([{ tags: m, count: 1, sum: sizes(sent) }]);
    const latency = rows(stats, 'grpc.io/server/server_latency');
    expect(latency).toEqual([{ tags: m, count: 1, sum: expect.any(Number) }]);
    expect(latency[0].sum).toBeGreaterThan(0);
  });

  it('counts nothing as malformed or failed; a non-canonical status once per side', () => {
    const sides = (e.client.startsWith('CODE_') ? 1 : 0) + (e.server?.startsWith('CODE_') ? 1 : 0);
    expect(stats.diagnostics.snapshot()).toEqual(sides ? { 'grpc.nonCanonicalStatus': sides } : {});
  });
});

async function freeAddress(): Promise<string> {
  const s = new grpc.Server();
  const address = await listen(s);
  s.forceShutdown();
  return address;
}
