import * as grpc from '@grpc/grpc-js';
import { clientInterceptor, clientOptions, createServer, serverInterceptor, type Stats } from '../../src';
import { msgSize } from './helpers/echo-service';
import { echoClient, run, serveEcho } from './helpers/harness';
import { rows, statsWithAllViews, total, waitFor } from './helpers/views';

// Two census layers on one call or server (createServer() plus
// serverInterceptor(), clientOptions() plus clientInterceptor(), …): the
// layer nearest the wire measures, the other measures nothing, counts
// grpc.stackedLayers per call and warns once.

const UNARY = 'census.test.Echo/Unary';

function expectMeasuredOnce(stats: Stats, side: 'client' | 'server', calls: number, statuses: Record<string, number>): void {
  const m = { [`grpc_${side}_method`]: UNARY };
  expect(rows(stats, `grpc.io/${side}/started_rpcs`)).toEqual([{ tags: m, count: calls }]);
  expect(Object.fromEntries(rows(stats, `grpc.io/${side}/completed_rpcs`).map((r) => [r.tags[`grpc_${side}_status`], r.count]))).toEqual(statuses);
}

describe('stacked census layers', () => {
  it('server: createServer() plus serverInterceptor() in its interceptors measures each call once, with the status sent', async () => {
    const warnings: string[] = [];
    const stats = statsWithAllViews({ warn: (w) => warnings.push(w) });
    const server = createServer({ interceptors: [serverInterceptor({ stats })], census: { stats } });
    const client = echoClient(await serveEcho(server));
    try {
      for (const text of ['a', 'b', 'error:5']) await run(client, 'unary', [{ text }]);
      await waitFor(() => total(stats, 'grpc.io/server/completed_rpcs') === 3, 'server ends');
      expectMeasuredOnce(stats, 'server', 3, { OK: 2, NOT_FOUND: 1 });
      // The outer layer (createServer's, nearest the wire) measured: sizes are known.
      expect(rows(stats, 'grpc.io/server/received_bytes_per_rpc')).toEqual([{ tags: { grpc_server_method: UNARY }, count: 3, sum: 2 * msgSize('a') + msgSize('error:5') }]);
      expect(stats.diagnostics.snapshot()).toEqual({ 'grpc.stackedLayers': 3 });
      expect(warnings).toEqual([expect.stringMatching(/two census layers on one server call/)]);
    } finally {
      client.close();
      server.forceShutdown();
    }
  });

  it('server: two serverInterceptor()s with an application interceptor between them', async () => {
    const stats = statsWithAllViews({ warn: () => {} });
    const between: grpc.ServerInterceptor = (_m, call) => new grpc.ServerInterceptingCall(call);
    const server = new grpc.Server({ interceptors: [serverInterceptor({ stats }), between, serverInterceptor({ stats })] });
    const client = echoClient(await serveEcho(server));
    try {
      await run(client, 'unary', [{ text: 'a' }]);
      await waitFor(() => total(stats, 'grpc.io/server/completed_rpcs') === 1, 'server ends');
      expectMeasuredOnce(stats, 'server', 1, { OK: 1 });
      expect(stats.diagnostics.snapshot()).toEqual({ 'grpc.stackedLayers': 1 });
    } finally {
      client.close();
      server.forceShutdown();
    }
  });

  it.each([
    ['clientOptions() plus clientInterceptor()', (stats: Stats) => clientOptions({ stats }, { interceptors: [clientInterceptor({ stats })] })],
    ['two clientInterceptor()s', (stats: Stats) => ({ interceptors: [clientInterceptor({ stats }), clientInterceptor({ stats })] })],
    ['clientOptions() over clientOptions()', (stats: Stats) => clientOptions({ stats }, clientOptions({ stats }))],
  ])('client: %s measures each call once', async (_name, options) => {
    const warnings: string[] = [];
    const stats = statsWithAllViews({ warn: (w) => warnings.push(w) });
    const server = new grpc.Server();
    const client = echoClient(await serveEcho(server), options(stats));
    try {
      for (const text of ['a', 'error:7']) await run(client, 'unary', [{ text }]);
      expectMeasuredOnce(stats, 'client', 2, { OK: 1, PERMISSION_DENIED: 1 });
      expect(rows(stats, 'grpc.io/client/sent_messages_per_rpc')).toEqual([{ tags: { grpc_client_method: UNARY }, count: 2, sum: 2 }]);
      expect(stats.diagnostics.snapshot()).toEqual({ 'grpc.stackedLayers': 2 });
      expect(warnings).toEqual([expect.stringMatching(/two census layers on one client call/)]);
    } finally {
      client.close();
      server.forceShutdown();
    }
  });

  it('layers with different Stats: only the one nearest the wire records', async () => {
    const outer = statsWithAllViews({ warn: () => {} });
    const inner = statsWithAllViews({ warn: () => {} });
    const server = new grpc.Server();
    const client = echoClient(await serveEcho(server), clientOptions({ stats: inner }, { interceptors: [clientInterceptor({ stats: outer })] }));
    try {
      await run(client, 'unary', [{ text: 'a' }]);
      expect(total(inner, 'grpc.io/client/completed_rpcs')).toBe(1);
      expect(total(outer, 'grpc.io/client/completed_rpcs')).toBe(0);
      expect(outer.diagnostics.snapshot()).toEqual({ 'grpc.stackedLayers': 1 });
    } finally {
      client.close();
      server.forceShutdown();
    }
  });
});
