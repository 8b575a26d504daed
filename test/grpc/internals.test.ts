import * as grpc from '@grpc/grpc-js';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Aggregation, ServerLatency, TagMap, View, clientOptions, createServer, withTags, type Stats } from '../../src';
import { INTERNALS, simulateMissingInternal, type InternalName } from '../../src/grpc/grpcjs/internals';
import { hangs, msgSize } from './helpers/echo-service';
import { echoClient, listen, run, serveEcho } from './helpers/harness';
import { rows, statsWithAllViews, total, waitFor } from './helpers/views';

// Every private grpc-js behaviour the plugin relies on is listed in one
// module, and each one's fallback is exercised here: the plugin behaves as if
// grpc-js lacked it, reports that once through diagnostics (one warning), and
// still records what its fallback promises.

const UNARY = 'census.test.Echo/Unary';
const ROOT = join(__dirname, '..', '..');

describe('the internals table', () => {
  it('lists every internal with what, versions, guard, fallback and an existing test', () => {
    expect(INTERNALS.map((i) => i.name).sort()).toEqual([
      'clientAttachment',
      'clientAttempts', // gRFC A66 (test/grpc/a66-fallbacks.test.ts exercises the four A66 fallbacks)
      'clientStubs',
      'metadataEntries',
      'serverDeserializeFirst',
      'serverReceivedFrames',
      'serverSerializeInline',
      'serverStream',
      'serverUnknownMethods',
      'statusMetadataWrite',
    ]);
    for (const i of INTERNALS) {
      for (const field of [i.what, i.verified, i.guard, i.fallback, i.test]) expect(field.length).toBeGreaterThan(10);
      for (const file of i.test.match(/test\/[\w/.-]+\.test\.ts/g) ?? []) expect(existsSync(join(ROOT, file))).toBe(true);
    }
  });
});

/** A fresh server and client with all views, the warnings collected; `fn` runs RPCs. */
async function withPair(fn: (client: grpc.Client, stats: Stats) => Promise<void>, warnings: string[]): Promise<Stats> {
  const stats = statsWithAllViews({ warn: (m) => warnings.push(m) });
  const server = createServer({ census: { stats } });
  const client = echoClient(await serveEcho(server), clientOptions({ stats }));
  try {
    await fn(client, stats);
  } finally {
    client.close();
    server.forceShutdown();
  }
  return stats;
}

function withMissing(names: InternalName[]): void {
  beforeAll(() => names.forEach((n) => simulateMissingInternal(n)));
  afterAll(() => names.forEach((n) => simulateMissingInternal(n, false)));
}

const serverStatuses = (stats: Stats) => rows(stats, 'grpc.io/server/completed_rpcs').map((r) => r.tags.grpc_server_status).sort();

describe('fallback: clientAttachment (public getPeer and what came from the server)', () => {
  withMissing(['clientAttachment']);

  it('still counts the request of a failed call that reached the server, and none of a call that never connected', async () => {
    const warnings: string[] = [];
    const stats = await withPair(async (client) => {
      await run(client, 'unary', [{ text: 'error:5' }]);
    }, warnings);
    expect(rows(stats, 'grpc.io/client/sent_messages_per_rpc')).toEqual([{ tags: { grpc_client_method: UNARY }, count: 1, sum: 1 }]);
    const lonely = statsWithAllViews({ warn: (m) => warnings.push(m) });
    const s = new grpc.Server();
    const address = await listen(s);
    s.forceShutdown();
    const client = echoClient(address, clientOptions({ stats: lonely }));
    await run(client, 'unary', [{ text: 'abc' }]);
    client.close();
    expect(rows(lonely, 'grpc.io/client/sent_messages_per_rpc')).toEqual([{ tags: { grpc_client_method: UNARY }, count: 1, sum: 0 }]);
    expect(stats.diagnostics.snapshot()).toEqual({ 'grpc.internalUnavailable.clientAttachment': 1 });
    expect(warnings).toHaveLength(2); // one per Stats
    expect(warnings[0]).toMatch(/clientAttachment/);
  });
});

describe('fallback: serverStream (the status handed down, once grpc-js wrote it)', () => {
  withMissing(['serverStream']);

  it('records OK, error, throw, deadline and cancel as the client receives them', async () => {
    const warnings: string[] = [];
    const stats = await withPair(async (client, stats) => {
      for (const text of ['a', 'error:5', 'throw']) await run(client, 'unary', [{ text }]);
      await run(client, 'unary', [{ text: 'hang' }], { callOptions: { deadline: Date.now() + 400 } });
      await run(client, 'bidi', [{ text: 'y' }, { text: 'hang' }], {
        act: (call) => hangs.once('hang', () => setTimeout(() => call.cancel(), 200)),
      });
      await waitFor(() => total(stats, 'grpc.io/server/completed_rpcs') === 5, 'server ends');
    }, warnings);
    expect(serverStatuses(stats)).toEqual(['CANCELLED', 'DEADLINE_EXCEEDED', 'NOT_FOUND', 'OK', 'UNKNOWN']);
    expect(stats.diagnostics.snapshot()).toEqual({ 'grpc.internalUnavailable.serverStream': 1 });
    expect(warnings).toEqual([expect.stringMatching(/serverStream/)]);
  });

  describe('and statusMetadataWrite', () => {
    withMissing(['statusMetadataWrite']);

    it('records a status it cannot see written as the client\'s reset: CANCELLED, or DEADLINE_EXCEEDED after the deadline', async () => {
      const stats = await withPair(async (client, stats) => {
        await run(client, 'unary', [{ text: 'a' }]);
        await run(client, 'unary', [{ text: 'hang' }], { callOptions: { deadline: Date.now() + 400 } });
        await waitFor(() => total(stats, 'grpc.io/server/completed_rpcs') === 2, 'server ends');
      }, []);
      expect(serverStatuses(stats)).toEqual(['CANCELLED', 'DEADLINE_EXCEEDED']);
    });
  });
});

describe.each([
  ['serverSerializeInline', 'grpc.io/server/sent_bytes_per_rpc', 'grpc.io/server/sent_messages_per_rpc'],
  ['serverDeserializeFirst', 'grpc.io/server/received_bytes_per_rpc', 'grpc.io/server/received_messages_per_rpc'],
] as const)('fallback: %s (sizes unknown)', (name, bytesView, messagesView) => {
  withMissing([name]);

  it('records no bytes but every message, and reports it once', async () => {
    const warnings: string[] = [];
    const stats = await withPair(async (client, stats) => {
      for (let i = 0; i < 3; i++) await run(client, 'unary', [{ text: 'abc' }]);
      await waitFor(() => total(stats, 'grpc.io/server/completed_rpcs') === 3, 'server ends');
    }, warnings);
    expect(rows(stats, bytesView)).toEqual([]);
    expect(rows(stats, messagesView)).toEqual([{ tags: { grpc_server_method: UNARY }, count: 3, sum: 3 }]);
    expect(rows(stats, 'grpc.io/client/sent_bytes_per_rpc')).toEqual([{ tags: { grpc_client_method: UNARY }, count: 3, sum: 3 * msgSize('abc') }]);
    expect(stats.diagnostics.snapshot()).toEqual({ [`grpc.internalUnavailable.${name}`]: 1 });
    expect(warnings).toEqual([expect.stringMatching(new RegExp(name))]);
  });
});

describe('fallback: metadataEntries (the public Metadata.get)', () => {
  withMissing(['metadataEntries']);

  it('still reads grpc-tags-bin on the server and grpc-server-stats-bin on the client, and reports it once', async () => {
    const warnings: string[] = [];
    const stats = statsWithAllViews({ warn: (m) => warnings.push(m) });
    const byUser = new View({ name: 'test/server_latency_by_user', measure: ServerLatency, aggregation: Aggregation.count(), tagKeys: ['user'] });
    stats.registerView(byUser);
    const server = createServer({ census: { stats, serverStatsTrailer: true } });
    const client = echoClient(await serveEcho(server), clientOptions({ stats }));
    try {
      for (let i = 0; i < 2; i++) await withTags(TagMap.from({ user: 'ivy' }), () => run(client, 'unary', [{ text: 'abc' }]));
      await waitFor(() => total(stats, 'grpc.io/server/completed_rpcs') === 2, 'server ends');
    } finally {
      client.close();
      server.forceShutdown();
    }
    // The server's views carry the caller's tag only if it read grpc-tags-bin; the client's server_latency only if it read the trailer.
    expect(rows(stats, byUser.name)).toEqual([{ tags: { user: 'ivy' }, count: 2 }]);
    expect(rows(stats, 'grpc.io/client/server_latency').map((r) => r.count)).toEqual([2]);
    expect(stats.diagnostics.snapshot()).toEqual({ 'grpc.internalUnavailable.metadataEntries': 1 });
    expect(warnings).toEqual([expect.stringMatching(/metadataEntries/)]);
  });
});
