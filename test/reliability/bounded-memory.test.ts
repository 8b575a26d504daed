import * as grpc from '@grpc/grpc-js';
import { Aggregation, ClientCompletedRPCsView, ServerLatency, Stats, TagMap, View, clientOptions, createServer, withTags } from '../../src';
import { echoClient, run, serveEcho } from '../grpc/helpers/harness';
import { rows, total, waitFor } from '../grpc/helpers/views';

// Cardinality that comes from outside over real calls stays bounded by the
// row limit: a client inventing method paths (a generic proxy), and remote
// callers propagating ever new tag values into a view that has a user key.
// (test/views/cardinality*.test.ts covers the row limit itself.)
const MAX_ROWS = 40;
const OVERFLOW = { census_overflow: 'true' };

describe('cardinality from the network is bounded by the row limit', () => {
  it('a client calling 100 invented method paths: 40 rows, the rest in the overflow row, every RPC counted', async () => {
    const stats = new Stats({ maxRowsPerView: MAX_ROWS, warn: () => {} });
    stats.registerView(ClientCompletedRPCsView);
    const server = new grpc.Server(); // unknown methods: grpc-js answers UNIMPLEMENTED
    const client = echoClient(await serveEcho(server), clientOptions({ stats }));
    try {
      for (let i = 0; i < 100; i++) {
        const code = await new Promise<number>((resolve) =>
          client.makeUnaryRequest(`/invented.Svc/M${i}`, (b: Buffer) => b, (b: Buffer) => b, Buffer.from('x'), (err) => resolve(err?.code ?? 0)),
        );
        expect(code).toBe(grpc.status.UNIMPLEMENTED);
      }
    } finally {
      client.close();
      server.forceShutdown();
    }
    const all = rows(stats, ClientCompletedRPCsView);
    expect(all).toHaveLength(MAX_ROWS + 1);
    expect(all.filter((r) => r.tags.census_overflow === undefined).every((r) => r.count === 1 && r.tags.grpc_client_status === 'UNIMPLEMENTED')).toBe(true);
    expect(all.find((r) => r.tags.census_overflow === 'true')).toEqual({ tags: OVERFLOW, count: 100 - MAX_ROWS });
    expect(stats.diagnostics.snapshot()).toEqual({ overflowMeasurements: 100 - MAX_ROWS });
  });

  it('callers propagating 100 distinct user tags into a view keyed by user: 40 rows plus overflow on the server, RPCs unaffected', async () => {
    const warnings: string[] = [];
    const stats = new Stats({ maxRowsPerView: MAX_ROWS, warn: (m) => warnings.push(m) });
    const byUser = new View({ name: 'test/server_by_user', measure: ServerLatency, aggregation: Aggregation.count(), tagKeys: ['user'] });
    stats.registerView(byUser);
    const server = createServer({ census: { stats } });
    const client = echoClient(await serveEcho(server), clientOptions({ stats: new Stats() }));
    try {
      for (let i = 0; i < 100; i++) {
        const out = await withTags(TagMap.from({ user: `u${i}` }), () => run(client, 'unary', [{ text: 'a' }]));
        expect(out.code).toBe(0);
      }
      await waitFor(() => total(stats, byUser) === 100, 'server ends');
    } finally {
      client.close();
      server.forceShutdown();
    }
    const all = rows(stats, byUser);
    expect(all).toHaveLength(MAX_ROWS + 1);
    expect(all.find((r) => r.tags.census_overflow === 'true')).toEqual({ tags: OVERFLOW, count: 100 - MAX_ROWS });
    expect(stats.diagnostics.snapshot()).toEqual({ overflowMeasurements: 100 - MAX_ROWS });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('reached its limit of 40 rows');
  });
});
