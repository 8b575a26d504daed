import * as grpc from '@grpc/grpc-js';
import { clientOptions, serverInterceptor } from '../../src';
import { echoImpl, hangs } from './helpers/echo-service';
import { echoClient, run, serveEcho } from './helpers/harness';
import { statsWithAllViews, total, waitFor } from './helpers/views';

// The server layer lets go of the handler's listener once grpc-js has
// delivered every event of the call (half-close, then cancel): grpc-js's base
// call keeps pointing at the layer until V8 collects it, and the handler's
// call objects, request and response should not live that long with it. A
// call whose half-close was not delivered keeps its listener, so nothing
// grpc-js might still deliver is lost. (`listener` is private: read here on purpose.)

type Layer = grpc.ServerInterceptingCall & { listener?: unknown };

/** A server whose census layers are captured, with the listener each was started with. */
function capturingServer(stats: ReturnType<typeof statsWithAllViews>) {
  const census = serverInterceptor({ stats });
  const layers: { layer: Layer; startedWith: unknown }[] = [];
  const capture: grpc.ServerInterceptor = (method, call) => {
    const layer = census(method, call) as Layer;
    const entry = { layer, startedWith: undefined as unknown };
    const start = layer.start.bind(layer);
    layer.start = (listener) => {
      entry.startedWith = listener;
      start(listener);
    };
    layers.push(entry);
    return layer;
  };
  return { server: new grpc.Server({ interceptors: [capture] }), layers };
}

describe('server layer: the handler listener after the call', () => {
  it('is let go once every event was delivered, for each call type', async () => {
    const stats = statsWithAllViews();
    const { server, layers } = capturingServer(stats);
    const client = echoClient(await serveEcho(server), clientOptions({ stats }));
    try {
      const outcomes = [
        await run(client, 'unary', [{ text: 'a' }]),
        await run(client, 'clientStream', [{ text: 'a' }, { text: 'b' }]),
        await run(client, 'serverStream', [{ text: 'many:2' }]),
        await run(client, 'bidi', [{ text: 'a' }, { text: 'b' }]),
        await run(client, 'unary', [{ text: 'error:5' }]),
      ];
      expect(outcomes.map((o) => o.code)).toEqual([0, 0, 0, 0, 5]);
      await waitFor(() => total(stats, 'grpc.io/server/completed_rpcs') === 5, 'server ends');
      await waitFor(() => layers.every((l) => l.layer.listener !== l.startedWith), 'listeners let go');
      expect(layers).toHaveLength(5);
      for (const { layer, startedWith } of layers) {
        expect(startedWith).toBeDefined();
        expect(layer.listener).not.toBe(startedWith);
      }
      // One shared stand-in, holding nothing of any call.
      expect(new Set(layers.map((l) => l.layer.listener)).size).toBe(1);
    } finally {
      client.close();
      server.forceShutdown();
    }
  });

  it('is kept while grpc-js may still deliver events (a handler that never read to the end)', async () => {
    const stats = statsWithAllViews();
    const { server, layers } = capturingServer(stats);
    // Never reads: the message and the half-close stay queued in grpc-js.
    const notReading = { ...echoImpl, ClientStream: () => void hangs.emit('hang') };
    const client = echoClient(await serveEcho(server, notReading));
    try {
      const outcome = await run(client, 'clientStream', [{ text: 'a' }], {
        act: (call) => hangs.once('hang', () => call.cancel()),
      });
      expect(outcome.code).toBe(grpc.status.CANCELLED);
      await waitFor(() => total(stats, 'grpc.io/server/completed_rpcs') === 1, 'server end');
      expect(layers).toHaveLength(1);
      expect(layers[0].startedWith).toBeDefined();
      expect(layers[0].layer.listener).toBe(layers[0].startedWith);
    } finally {
      client.close();
      server.forceShutdown();
    }
  });
});
