import { fetchText } from '../support/http';
import { Registry } from 'prom-client';
import { Aggregation, PrometheusExporter, ServerLatency, Stats, TagMap, View, clientOptions, createServer, withTags } from '../../src';
import { promtoolCheck } from '../exporters/prometheus/fixtures/binaries';
import { echoClient, run, serveEcho } from '../grpc/helpers/harness';
import { total, waitFor } from '../grpc/helpers/views';

// What /metrics exposes to the network: only loopback unless asked, only
// GET/HEAD, and label values that came from a remote caller (propagated tags)
// escaped so they cannot break or inject into the exposition.
// (test/exporters/prometheus/server.test.ts covers POST/PUT/DELETE → 405, 404s and HEAD.)

async function http(host: string, port: number, method = 'GET', path = '/metrics'): Promise<{ status: number; body: string; allow?: string }> {
  const { status, body, headers } = await fetchText(`http://${host}:${port}${path}`, method);
  return { status, body, ...(headers.allow ? { allow: String(headers.allow) } : {}) };
}

const exporters: PrometheusExporter[] = [];
afterEach(async () => {
  for (const e of exporters.splice(0)) await e.stop();
});

function exporter(stats = new Stats({ warn: () => {} })) {
  const e = new PrometheusExporter({ stats, registry: new Registry(), naming: 'prometheus' });
  exporters.push(e);
  return e;
}

describe('/metrics exposure', () => {
  // All of 127.0.0.0/8 reaches loopback on Linux: a socket bound to 127.0.0.1
  // alone refuses connections to 127.0.0.2, a wildcard bind accepts them.
  it('binds 127.0.0.1 by default: not reachable on another address', async () => {
    const { port } = await exporter().startServer({ port: 0 });
    expect((await http('127.0.0.1', port)).status).toBe(200);
    await expect(http('127.0.0.2', port)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });

  it('binds another host only when asked (the check above can tell)', async () => {
    const { port } = await exporter().startServer({ port: 0, host: '0.0.0.0' });
    expect((await http('127.0.0.2', port)).status).toBe(200);
  });

  it.each(['PATCH', 'OPTIONS', 'TRACE', 'PROPFIND'])('%s → 405 with Allow: GET, HEAD, and no metrics in the body', async (method) => {
    const { port } = await exporter().startServer({ port: 0 });
    const res = await http('127.0.0.1', port, method);
    expect(res).toEqual({ status: 405, body: 'Method Not Allowed\n', allow: 'GET, HEAD' });
  });

  it('escapes tag values a remote caller propagated (quote, backslash, braces, comma, equals): the exposition stays valid', async () => {
    const stats = new Stats({ warn: () => {} });
    const byUser = new View({ name: 'test/requests_by_user', measure: ServerLatency, aggregation: Aggregation.count(), tagKeys: ['user'] });
    stats.registerView(byUser);
    const e = exporter(stats);
    const server = createServer({ census: { stats } });
    const client = echoClient(await serveEcho(server), clientOptions({ stats }));
    const hostile = ['a"b\\c', 'x",injected="1', '{}', '\\']; // tag values cannot hold a line feed (TagMap refuses it)
    try {
      for (const user of hostile) {
        const out = await withTags(TagMap.from({ user }), () => run(client, 'unary', [{ text: 'hi' }]));
        expect(out.code).toBe(0);
      }
      await waitFor(() => total(stats, byUser) === 4, 'server ends');
    } finally {
      client.close();
      server.forceShutdown();
    }
    const { port } = await e.startServer({ port: 0 });
    const { body } = await http('127.0.0.1', port);
    const lines = body.split('\n').filter((l) => l.startsWith('test_requests_by_user'));
    expect(lines.sort()).toEqual(
      [String.raw`{user="a\"b\\c"} 1`, String.raw`{user="x\",injected=\"1"} 1`, String.raw`{user="{}"} 1`, String.raw`{user="\\"} 1`]
        .map((l) => `test_requests_by_user_total${l}`)
        .sort(),
    );
    expect(promtoolCheck(body)).toEqual({ status: 0, problems: [] });
  });
});
