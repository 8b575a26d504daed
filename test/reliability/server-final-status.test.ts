import * as grpc from '@grpc/grpc-js';
import { connect, constants } from 'node:http2';
import { createServer, type Stats } from '../../src';
import { echoClient, run, serveEcho } from '../grpc/helpers/harness';
import { rows, statsWithAllViews, total, waitFor } from '../grpc/helpers/views';
import { rawUnary } from './helpers/raw-http2';

// Requests grpc-js itself rejects before the handler runs: it sends the status
// from below the interceptors (BaseServerInterceptingCall.sendStatus), so the
// plugin's interceptor sees no sendStatus, only onCancel. Decision 2: the
// server views must still record the status the client received, which the
// plugin reads from the HTTP/2 stream (internals: serverStream).
const METHOD = 'census.test.Echo/Unary';

async function serverStatusAfter(options: grpc.ServerOptions, call: (address: string) => Promise<number>) {
  const stats: Stats = statsWithAllViews();
  const server = createServer({ ...options, census: { stats } });
  const address = await serveEcho(server);
  try {
    const clientSaw = await call(address);
    await waitFor(() => total(stats, 'grpc.io/server/completed_rpcs') === 1, 'server end');
    return { clientSaw: grpc.status[clientSaw], serverRecorded: rows(stats, 'grpc.io/server/completed_rpcs').map((r) => r.tags.grpc_server_status) };
  } finally {
    server.forceShutdown();
  }
}

describe('a request grpc-js rejects below the interceptors is recorded with the status the client got', () => {
  it('a request that does not parse (INTERNAL)', async () => {
    const out = await serverStatusAfter({}, async (address) => {
      // ff ff: a tag with wire type 7, which does not exist: protobuf.js throws.
      const res = await rawUnary(Number(address.split(':')[1]), METHOD, {}, Buffer.from([0xff, 0xff]));
      return Number(res.status);
    });
    expect(out).toEqual({ clientSaw: 'INTERNAL', serverRecorded: ['INTERNAL'] });
  });

  it('a request over grpc.max_receive_message_length (RESOURCE_EXHAUSTED)', async () => {
    const out = await serverStatusAfter({ 'grpc.max_receive_message_length': 16 }, async (address) => {
      const client = echoClient(address);
      try {
        return (await run(client, 'unary', [{ text: 'x'.repeat(64) }])).code;
      } finally {
        client.close();
      }
    });
    expect(out).toEqual({ clientSaw: 'RESOURCE_EXHAUSTED', serverRecorded: ['RESOURCE_EXHAUSTED'] });
  });

  it('a request compressed with an encoding the server does not support (UNIMPLEMENTED)', async () => {
    const out = await serverStatusAfter({}, async (address) => {
      const res = await rawUnary(Number(address.split(':')[1]), METHOD, { 'grpc-encoding': 'br' }, Buffer.from([0x0a, 0x00]), 1);
      return Number(res.status);
    });
    expect(out).toEqual({ clientSaw: 'UNIMPLEMENTED', serverRecorded: ['UNIMPLEMENTED'] });
  });
});

/** `{ text: "hang" }`, framed: the echo handler never answers it. */
const HANG = Buffer.from([0, 0, 0, 0, 6, 0x0a, 4, 0x68, 0x61, 0x6e, 0x67]);

describe('deadlines on either side, seen from the server', () => {
  it("the server's own deadline timer (grpc-timeout sent, the client waits): DEADLINE_EXCEEDED, written by grpc-js", async () => {
    const out = await serverStatusAfter({}, async (address) => {
      const res = await rawUnary(Number(address.split(':')[1]), METHOD, { 'grpc-timeout': '100m' }, HANG.subarray(5));
      return Number(res.status);
    });
    expect(out).toEqual({ clientSaw: 'DEADLINE_EXCEEDED', serverRecorded: ['DEADLINE_EXCEEDED'] });
  });

  it('a client that gives up on a timer of its own and resets the stream (no grpc-timeout): CANCELLED, all the server can know', async () => {
    const out = await serverStatusAfter({}, (address) =>
      new Promise<number>((resolve, reject) => {
        const session = connect(`http://${address}`);
        session.on('error', reject);
        const req = session.request({ ':method': 'POST', ':path': `/${METHOD}`, 'content-type': 'application/grpc', te: 'trailers' });
        req.on('error', () => {});
        req.write(HANG);
        setTimeout(() => {
          // What a grpc-js client sends when its deadline expires: RST_STREAM (CANCEL).
          req.close(constants.NGHTTP2_CANCEL);
          session.close();
          resolve(grpc.status.DEADLINE_EXCEEDED);
        }, 100);
      }),
    );
    expect(out).toEqual({ clientSaw: 'DEADLINE_EXCEEDED', serverRecorded: ['CANCELLED'] });
  });
});
