import * as grpc from '@grpc/grpc-js';
import { fetchText } from '../support/http';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { Registry } from 'prom-client';
import {
  Aggregation,
  ClientCompletedRPCsView,
  ClientSentMessagesPerRPC,
  PrometheusExporter,
  ServerCompletedRPCsView,
  Stats,
  View,
  clientOptions,
  createServer,
} from '../../src';
import { echoClient, run, serveEcho } from '../grpc/helpers/harness';
import { rows, total, waitFor } from '../grpc/helpers/views';
import { registerAllViews } from './helpers/workload';

// Views come and go while RPCs are in flight and while Prometheus scrapes:
// nothing throws, no RPC is affected, the views that stayed are exact, and a
// view registered again counts exactly what ended after it came back.
const BIDI = 'census.test.Echo/Bidi';
const churned = new View({ name: 'test/churned_sent_messages', measure: ClientSentMessagesPerRPC, aggregation: Aggregation.sum(), tagKeys: ['grpc_client_method'] });

async function setupRpcs(stats: Stats) {
  const server = createServer({ census: { stats } });
  const client = echoClient(await serveEcho(server), clientOptions({ stats }));
  return { client, close: () => (client.close(), server.forceShutdown()) };
}

/** A bidi call writing `n` messages one turn apart, so it is in flight across many churn steps. */
function slowBidi(client: grpc.Client, n: number): Promise<{ code: number; replies: number }> {
  return new Promise((resolve) => {
    const call = (client as unknown as Record<string, (md: grpc.Metadata) => grpc.ClientDuplexStream<object, object>>).Bidi(new grpc.Metadata());
    let replies = 0;
    call.on('data', () => replies++);
    call.on('error', () => {});
    call.on('status', (s) => setImmediate(() => resolve({ code: s.code, replies })));
    void (async () => {
      for (let i = 0; i < n; i++) {
        call.write({ text: `m${i}` });
        await nextTurn();
      }
      call.end();
    })();
  });
}

describe('views unregistered and registered again while streaming RPCs are in flight', () => {
  it('never throws, leaves RPCs alone, and keeps every view exact', async () => {
    const stats = registerAllViews(new Stats({ warn: () => {} }));
    stats.registerView(churned);
    const { client, close } = await setupRpcs(stats);
    let inFlight = true;
    let churns = 0;
    const churn = async () => {
      while (inFlight) {
        stats.unregisterView(churned, ServerCompletedRPCsView);
        await nextTurn();
        stats.registerView(churned, ServerCompletedRPCsView);
        churns++;
        await nextTurn();
      }
    };
    try {
      const churning = churn();
      const results = await Promise.all(Array.from({ length: 20 }, () => slowBidi(client, 15)));
      inFlight = false;
      await churning;
      // Each call spans 15 turns and a churn step takes 2: the views changed under every call.
      expect(churns).toBeGreaterThanOrEqual(5);
      expect(results).toEqual(Array.from({ length: 20 }, () => ({ code: 0, replies: 15 })));
      // The views that stayed registered saw every RPC and message.
      expect(rows(stats, ClientCompletedRPCsView)).toEqual([{ tags: { grpc_client_method: BIDI, grpc_client_status: 'OK' }, count: 20 }]);
      expect(rows(stats, 'grpc.io/client/sent_messages_per_rpc')).toEqual([{ tags: { grpc_client_method: BIDI }, count: 20, sum: 300 }]);
      await waitFor(() => total(stats, 'grpc.io/server/received_messages_per_rpc') === 20, 'server ends');
      expect(rows(stats, 'grpc.io/server/received_messages_per_rpc')).toEqual([{ tags: { grpc_server_method: BIDI }, count: 20, sum: 300 }]);

      // Registered again for good: exactly the RPCs that start and end from now on.
      stats.unregisterView(churned, ServerCompletedRPCsView);
      stats.registerView(churned, ServerCompletedRPCsView);
      for (let i = 0; i < 3; i++) await run(client, 'bidi', [{ text: 'a' }, { text: 'b' }]);
      await waitFor(() => total(stats, ServerCompletedRPCsView) === 3, 'server ends');
      expect(rows(stats, churned)).toEqual([{ tags: { grpc_client_method: BIDI }, count: 6 }]);
      expect(rows(stats, ServerCompletedRPCsView)).toEqual([{ tags: { grpc_server_method: BIDI, grpc_server_status: 'OK' }, count: 3 }]);
      expect(stats.diagnostics.snapshot()).toEqual({});
    } finally {
      close();
    }
  });
});

/** GET `path` on 127.0.0.1:`port`: status and body. */
const get = (port: number, path = '/metrics') => fetchText(`http://127.0.0.1:${port}${path}`);

/** Every line is HELP, TYPE or `name{labels} value`; every sample belongs to the family typed last; no family twice. */
function wellFormed(text: string): boolean {
  const sample = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{[^{}]*\})? [-+0-9.eEInfa]+$/;
  const families = new Set<string>();
  let family = '';
  for (const line of text.split('\n').filter((l) => l !== '')) {
    if (line.startsWith('# HELP ')) continue;
    if (line.startsWith('# TYPE ')) {
      family = line.split(' ')[2];
      if (families.has(family)) return false;
      families.add(family);
      continue;
    }
    const m = sample.exec(line);
    if (m === null || !m[1].startsWith(family)) return false;
  }
  return families.size > 0;
}

describe('Prometheus scrapes while views are unregistered', () => {
  it('every scrape answers 200 with well-formed text; the views that stayed are exact; nothing is counted as failed', async () => {
    const stats = registerAllViews(new Stats({ warn: () => {} }));
    const registry = new Registry();
    const exporter = new PrometheusExporter({ stats, registry });
    const { port } = await exporter.startServer({ port: 0 });
    const { client, close } = await setupRpcs(stats);
    const churnedViews = stats.registeredViews().filter((v) => v.name !== ClientCompletedRPCsView.name);
    let running = true;
    const scrapes: { status: number; body: string }[] = [];
    try {
      const churn = (async () => {
        while (running) {
          stats.unregisterView(...churnedViews);
          await Promise.resolve(); // a microtask apart: inside a scrape's awaits
          stats.registerView(...churnedViews);
          await nextTurn();
        }
      })();
      const scraper = (async () => {
        while (running) {
          scrapes.push(await get(port));
          scrapes.push({ status: 200, body: await exporter.metrics() });
        }
      })();
      for (let i = 0; i < 30; i++) await run(client, 'unary', [{ text: 'abc' }]);
      running = false;
      await Promise.all([churn, scraper]);

      expect(scrapes.length).toBeGreaterThan(2);
      expect(scrapes.filter((s) => s.status !== 200 || !wellFormed(s.body))).toEqual([]);
      const last = await get(port);
      expect(last.body).toContain('grpc_io_client_completed_rpcs{grpc_client_method="census.test.Echo/Unary",grpc_client_status="OK"} 30\n');
      expect(stats.diagnostics.snapshot()).toEqual({});
    } finally {
      close();
      await exporter.stop();
    }
  });
});
