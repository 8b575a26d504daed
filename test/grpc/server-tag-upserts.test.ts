import * as grpc from '@grpc/grpc-js';
import { TagMap, clientOptions, createServer, currentTags, withTags } from '../../src';
import * as codec from '../../src/tags/binary-codec';
import { echoClient, run, serveEcho } from './helpers/harness';
import { statsWithAllViews, total, waitFor } from './helpers/views';

// Issue 10 item 3: a server whose clients send the same grpc-tags-bin call
// after call does no TagMap upsert and no decode per RPC (the last header,
// its decoded tags and the maps derived from them are kept), and at most one
// upsert per tagged RPC otherwise — nothing proportional to the tag count.

describe('server tag work per RPC', () => {
  it('a repeated grpc-tags-bin header is decoded once and upserted into once per method and status', async () => {
    const stats = statsWithAllViews();
    const server = createServer({ census: { stats } });
    const seen: TagMap[] = [];
    const address = await serveEcho(server, {
      Unary: (_call: unknown, cb: grpc.sendUnaryData<unknown>) => {
        seen.push(currentTags());
        cb(null, {});
      },
    });
    const client = echoClient(address, clientOptions({ stats }));
    const callerTags = TagMap.from(Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`k${i}`, `v${i}`])));
    try {
      await withTags(callerTags, () => run(client, 'unary', [{ text: 'a' }]));
      await waitFor(() => total(stats, 'grpc.io/server/completed_rpcs') === 1, 'first end');
      const withSpy = jest.spyOn(TagMap.prototype, 'with');
      const decodeSpy = jest.spyOn(codec, 'decodeTags');
      for (let i = 0; i < 10; i++) await withTags(callerTags, () => run(client, 'unary', [{ text: 'a' }]));
      await waitFor(() => total(stats, 'grpc.io/server/completed_rpcs') === 11, 'server ends');
      // The client, whose caller uses the same TagMap every call, upserts nothing either.
      expect(withSpy).not.toHaveBeenCalled();
      expect(decodeSpy).not.toHaveBeenCalled();
      withSpy.mockRestore();
      decodeSpy.mockRestore();
      expect(new Set(seen.slice(1)).size).toBe(1);
      expect(seen[10].get('grpc_server_method')).toBe('census.test.Echo/Unary');
      expect(seen[10].size).toBe(101);
    } finally {
      client.close();
      server.forceShutdown();
    }
  });
});
