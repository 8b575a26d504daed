import * as grpc from '@grpc/grpc-js';
import { createServer as createHttp2Server, type Http2Server, type OutgoingHttpHeaders } from 'node:http2';
import type { AddressInfo } from 'node:net';
import { clientOptions, createServer, statusName } from '../../src';
import { echoClient, run, serveEcho } from './helpers/harness';
import { rows, statsWithAllViews, total, waitFor } from './helpers/views';

// Status values as they come from the network: canonical codes get their
// names, any other integer CODE_<n>, anything else UNKNOWN, and every
// non-canonical one is counted as grpc.nonCanonicalStatus.

describe('statusName', () => {
  it.each([
    [0, 'OK'], [4, 'DEADLINE_EXCEEDED'], [16, 'UNAUTHENTICATED'], [17, 'CODE_17'], [42, 'CODE_42'], [-1, 'CODE_-1'],
    [NaN, 'UNKNOWN'], [1.5, 'UNKNOWN'], [undefined, 'UNKNOWN'], ['abc', 'UNKNOWN'], ['4', 'UNKNOWN'], [Infinity, 'UNKNOWN'],
  ])('%p → %s', (code, name) => {
    expect(statusName(code)).toBe(name);
  });
});

/** An HTTP/2 server that answers every call with `respond(headers)` as a trailers-only response, or with `body` and trailers. */
async function rawServer(headers: OutgoingHttpHeaders, body?: Buffer): Promise<{ server: Http2Server; address: string }> {
  const server = createHttp2Server();
  server.on('stream', (stream) => {
    stream.on('error', () => {});
    stream.resume();
    if (body === undefined) return stream.respond({ ':status': 200, 'content-type': 'application/grpc', ...headers }, { endStream: true });
    stream.respond({ ':status': 200, 'content-type': 'application/grpc', 'grpc-encoding': String(headers['grpc-encoding'] ?? 'identity') }, { waitForTrailers: true });
    stream.on('wantTrailers', () => stream.sendTrailers({ 'grpc-status': '0' }));
    stream.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, address: `127.0.0.1:${(server.address() as AddressInfo).port}` };
}

describe('statuses from a server we do not control, on an instrumented client', () => {
  it.each([
    ['grpc-status: abc', { 'grpc-status': 'abc' }, undefined, 'UNKNOWN', 1],
    ['grpc-status: 42', { 'grpc-status': '42' }, undefined, 'CODE_42', 1],
    ['grpc-status: 1', { 'grpc-status': '1' }, undefined, 'CANCELLED', 0],
    // A message compressed with an encoding the client does not support.
    ['grpc-encoding: zstd', { 'grpc-encoding': 'zstd' }, Buffer.from([1, 0, 0, 0, 2, 0x0a, 0x00]), undefined, undefined],
  ] as const)('%s', async (_name, headers, body, expected, counted) => {
    const stats = statsWithAllViews();
    const { server, address } = await rawServer(headers, body);
    const client = echoClient(address, clientOptions({ stats }));
    try {
      const out = await run(client, 'unary', [{ text: 'a' }]);
      // The tag follows the rule applied to what the application received.
      const tag = statusName(out.code);
      if (expected !== undefined) expect(tag).toBe(expected);
      expect(rows(stats, 'grpc.io/client/completed_rpcs')).toEqual([{ tags: { grpc_client_method: 'census.test.Echo/Unary', grpc_client_status: tag }, count: 1 }]);
      const nonCanonical = stats.diagnostics.get('grpc.nonCanonicalStatus');
      expect(nonCanonical).toBe(counted ?? (/^(CODE_|UNKNOWN$)/.test(tag) && !(out.code === 2) ? 1 : 0));
    } finally {
      client.close();
      server.close();
    }
  });
});

describe('a handler that answers with a status that is not a canonical code', () => {
  it.each([
    ['a code outside 0–16', 99, 'CODE_99', { 'grpc.nonCanonicalStatus': 2 }],
    // grpc-js itself turns a code that is not a number into UNKNOWN (2) before writing it.
    ['a code that is not a number', 'abc', 'UNKNOWN', {}],
  ])('%s is recorded on both sides as the client receives it', async (_name, code, tag, counted) => {
    const stats = statsWithAllViews();
    const server = createServer({ census: { stats } });
    const client = echoClient(
      await serveEcho(server, {
        Unary: (_call: unknown, cb: grpc.sendUnaryData<unknown>) => cb({ code, details: 'odd' } as unknown as grpc.ServiceError, null),
      }),
      clientOptions({ stats }),
    );
    try {
      const out = await run(client, 'unary', [{ text: 'a' }]);
      expect(statusName(out.code)).toBe(tag);
      await waitFor(() => total(stats, 'grpc.io/server/completed_rpcs') === 1, 'server end');
      expect(rows(stats, 'grpc.io/client/completed_rpcs').map((r) => r.tags.grpc_client_status)).toEqual([tag]);
      expect(rows(stats, 'grpc.io/server/completed_rpcs').map((r) => r.tags.grpc_server_status)).toEqual([tag]);
      expect(stats.diagnostics.snapshot()).toEqual(counted);
    } finally {
      client.close();
      server.forceShutdown();
    }
  });
});
