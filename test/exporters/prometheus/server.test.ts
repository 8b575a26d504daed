import { Registry } from 'prom-client';
import { Stats, TagMap, type PrometheusExporter } from '../../../src';
import { client } from './fixtures/grpc-views';
import { fetchText } from '../../support/http';
import { setup } from './helpers';

/** One HTTP exchange on 127.0.0.1, without keep-alive. */
const http = (port: number, method: string, path: string) => fetchText(`http://127.0.0.1:${port}${path}`, method);

let exporter: PrometheusExporter | undefined;
afterEach(() => exporter?.stop());

function started(openMetrics = false) {
  const s = setup({ openMetrics, stats: new Stats({ warn: () => {} }) });
  exporter = s.exporter;
  s.stats.registerView(client.views.completed);
  s.stats.record(client.measures.latency.m(1), TagMap.from({ grpc_client_method: 'pkg.Svc/M', grpc_client_status: 'OK' }));
  return s;
}

describe('startServer', () => {
  test('GET /metrics: 200, the registry text and its content type; port 0 resolves the bound port', async () => {
    const { exporter: e, registry } = started();
    const { port } = await e.startServer({ port: 0 });
    expect(port).toBeGreaterThan(0);
    const res = await http(port, 'GET', '/metrics');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
    expect(res.body).toBe(await registry.metrics());
    expect(res.body).toContain('grpc_io_client_completed_rpcs{grpc_client_method="pkg.Svc/M",grpc_client_status="OK"} 1\n');
    // A query string is ignored, as Prometheus' scrape params are.
    expect((await http(port, 'GET', '/metrics?x=1')).status).toBe(200);
  });

  test('an OpenMetrics registry is served with its content type', async () => {
    const { exporter: e } = started(true);
    const { port } = await e.startServer({ port: 0 });
    const res = await http(port, 'GET', '/metrics');
    expect(res.headers['content-type']).toBe(Registry.OPENMETRICS_CONTENT_TYPE);
    expect(res.body.endsWith('# EOF\n')).toBe(true);
  });

  test('HEAD: 200 with headers and no body; other paths 404; other methods 405 with Allow', async () => {
    const { exporter: e, registry } = started();
    const { port } = await e.startServer({ port: 0, path: '/prom' });
    const head = await http(port, 'HEAD', '/prom');
    expect([head.status, head.body, head.headers['content-type']]).toEqual([200, '', 'text/plain; version=0.0.4; charset=utf-8']);
    expect(Number(head.headers['content-length'])).toBe(Buffer.byteLength(await registry.metrics()));
    expect((await http(port, 'GET', '/metrics')).status).toBe(404);
    expect((await http(port, 'GET', '/')).status).toBe(404);
    for (const method of ['POST', 'PUT', 'DELETE']) {
      const res = await http(port, method, '/prom');
      expect([res.status, res.headers.allow]).toEqual([405, 'GET, HEAD']);
    }
  });

  test('a failing scrape answers 500 and is counted', async () => {
    const { exporter: e, registry, stats } = started();
    registry.registerMetric({ name: 'broken', get: () => Promise.reject(new Error('boom')) } as never);
    const { port } = await e.startServer({ port: 0 });
    expect((await http(port, 'GET', '/metrics')).status).toBe(500);
    expect(stats.diagnostics.get('prometheus.scrapeErrors')).toBe(1);
  });

  test('one server per exporter; a busy port rejects and can be retried; stop() closes the port', async () => {
    const { exporter: e } = started();
    const { port } = await e.startServer({ port: 0 });
    await expect(e.startServer({ port: 0 })).rejects.toThrow('PrometheusExporter: the server is already started');
    const other = setup().exporter;
    await expect(other.startServer({ port })).rejects.toMatchObject({ code: 'EADDRINUSE' });
    const retry = await other.startServer({ port: 0 });
    expect(retry.port).not.toBe(port);
    await other.stop();
    await e.stop();
    await expect(http(port, 'GET', '/metrics')).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });

  test.each([
    [null, 'startServer: options must be an object, got null'],
    ['9464', 'startServer: options must be an object, got "9464"'],
    [{ prot: 0 }, 'startServer: unknown option "prot" (known: port, host, path, shutdownGraceMs, rpcz)'],
    [{ port: -1 }, 'startServer: option port must be an integer from 0 to 65535, got -1'],
    [{ port: 1.5 }, 'startServer: option port must be an integer from 0 to 65535, got 1.5'],
    [{ port: '0' }, 'startServer: option port must be an integer from 0 to 65535, got "0"'],
    [{ host: '' }, 'startServer: option host must be a non-empty string, got ""'],
    [{ host: 127 }, 'startServer: option host must be a string, got 127'],
    [{ path: 'metrics' }, 'startServer: option path must start with "/", got "metrics"'],
    [{ shutdownGraceMs: -1 }, 'startServer: option shutdownGraceMs must be an integer from 0 to 60000, got -1'],
    [{ shutdownGraceMs: '5' }, 'startServer: option shutdownGraceMs must be an integer from 0 to 60000, got "5"'],
  ])('%p → TypeError, and nothing is bound', async (options, message) => {
    const { exporter: e } = started();
    await expect(e.startServer(options as never)).rejects.toThrow(new TypeError(message));
    // The exporter is still usable: the bad call bound nothing.
    expect((await e.startServer({ port: 0 })).port).toBeGreaterThan(0);
  });
});
