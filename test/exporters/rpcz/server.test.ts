import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Registry } from 'prom-client';
import { PrometheusExporter, rpczHandler, type RpczReport } from '../../../src';
import { SteppedClock, calls, statsOn } from './helpers';
import { cleanRun, requireBuiltDist, runNode } from '../../support/run-node';
import { fetchText } from '../../support/http';

function setup(clock = new SteppedClock()) {
  const stats = statsOn(clock);
  const exporter = new PrometheusExporter({ stats, registry: new Registry() });
  return { stats, exporter, clock };
}

describe('startServer({ rpcz: true })', () => {
  const { stats, exporter } = setup();
  let base = '';
  beforeAll(async () => {
    calls(stats, 3, { side: 'server', method: 'a.B/C' });
    const { port } = await exporter.startServer({ port: 0, rpcz: true });
    base = `http://127.0.0.1:${port}`;
  });
  afterAll(() => exporter.stop());

  it('serves the page beside /metrics, as HTML that runs no script and loads nothing', async () => {
    const res = await fetchText(`${base}/rpcz`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['content-security-policy']).toBe("default-src 'none'; style-src 'unsafe-inline'; img-src data:");
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toContain('<meta http-equiv="refresh" content="5">');
    expect(res.body).toContain('data-method="a.B/C"');
    expect(res.body).not.toMatch(/<script|<link|src="http|href="http/i);
    expect((await fetchText(`${base}/metrics`)).body).toContain('grpc_io_server_completed_rpcs{grpc_server_method="a.B/C",grpc_server_status="OK"} 3');
  });

  it('serves the same numbers as JSON', async () => {
    const res = await fetchText(`${base}/rpcz.json?x=1`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    const report = JSON.parse(res.body) as RpczReport;
    expect(report.rows).toHaveLength(1);
    expect(report.rows[0]).toMatchObject({ side: 'server', method: 'a.B/C', inFlight: 0 });
    expect(report.rows[0].windows.total.calls).toBe(3);
  });

  it('answers HEAD without a body, and 405 to other methods', async () => {
    const head = await fetchText(`${base}/rpcz`, 'HEAD');
    expect([head.status, head.body]).toEqual([200, '']);
    const post = await fetchText(`${base}/rpcz.json`, 'POST');
    expect([post.status, post.headers.allow]).toEqual([405, 'GET, HEAD']);
  });
});

describe('startServer options', () => {
  it('without rpcz, /rpcz is not found', async () => {
    const { exporter } = setup();
    const { port } = await exporter.startServer({ port: 0 });
    try {
      expect((await fetchText(`http://127.0.0.1:${port}/rpcz`)).status).toBe(404);
    } finally {
      await exporter.stop();
    }
  });

  it('passes page options through, with the exporter stats by default', async () => {
    const { stats, exporter } = setup();
    for (const method of ['a/1', 'a/2', 'a/3']) calls(stats, 1, { side: 'client', method });
    const { port } = await exporter.startServer({ port: 0, rpcz: { topN: 1, refreshSeconds: 0 } });
    try {
      const html = (await fetchText(`http://127.0.0.1:${port}/rpcz`)).body;
      expect(html).not.toContain('http-equiv="refresh"');
      expect(html.match(/<tr data-side="client"/g)).toHaveLength(1);
      expect(html).toContain('and 2 more methods');
    } finally {
      await exporter.stop();
    }
  });

  it.each([
    [{ rpcz: 'yes' }, 'startServer: rpcz: options must be an object, got "yes"'],
    [{ rpcz: { topN: 0 } }, 'startServer: rpcz: option topN must be an integer from 1 to'],
    [{ rpcz: { colour: 'red' } }, 'startServer: rpcz: unknown option "colour"'],
  ])('rejects %j with a TypeError naming the option', async (options, message) => {
    const { exporter } = setup();
    await expect(exporter.startServer({ port: 0, ...(options as object) })).rejects.toThrow(TypeError);
    await expect(exporter.startServer({ port: 0, ...(options as object) })).rejects.toThrow(message);
    await exporter.stop();
  });

  it('stops the snapshot timer when the exporter stops', async () => {
    const { exporter } = setup();
    const set = jest.spyOn(global, 'setInterval');
    const clear = jest.spyOn(global, 'clearInterval');
    try {
      await exporter.startServer({ port: 0, rpcz: true });
      const timer = set.mock.results[0].value as NodeJS.Timeout;
      expect(timer.hasRef()).toBe(false);
      await exporter.stop();
      expect(clear).toHaveBeenCalledWith(timer);
    } finally {
      set.mockRestore();
      clear.mockRestore();
    }
  });
});

describe('rpczHandler in your own server', () => {
  let server: Server;
  afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

  it('answers JSON for a path ending in .json and HTML otherwise, wherever it is mounted', async () => {
    const clock = new SteppedClock();
    const stats = statsOn(clock);
    const handler = rpczHandler({ stats, now: clock.now });
    server = createServer((req, res) => (req.url!.startsWith('/debug/') ? handler(req, res) : res.end('app')));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    calls(stats, 2, { side: 'client', method: 'x.Y/Z' });
    clock.step(20);
    const report = JSON.parse((await fetchText(`${base}/debug/rpcz.json`)).body) as RpczReport;
    expect(report.generatedAt).toBe(new Date(clock.ms).toISOString());
    expect(report.rows[0].windows['1m']).toMatchObject({ calls: 2, seconds: 20, callsPerSec: 0.1 });
    expect((await fetchText(`${base}/debug/rpcz`)).body).toMatch(/^<!doctype html>/);
    handler.close();
    handler.close();
  });

  it.each([
    [{ stats: {} }, 'rpczHandler: option stats must be a Stats, got'],
    [{ maxMethods: 1.5 }, 'rpczHandler: option maxMethods must be an integer'],
    [{ now: 5 }, 'rpczHandler: option now must be a function'],
    [{ refreshSeconds: -1 }, 'rpczHandler: option refreshSeconds must be an integer from 0'],
    [[], 'rpczHandler: options must be an object'],
  ])('rejects %j with a TypeError naming the option', (options, message) => {
    expect(() => rpczHandler(options as never)).toThrow(TypeError);
    expect(() => rpczHandler(options as never)).toThrow(message);
  });
});

test('a handler never closed does not keep the process alive (its timer is unref’d)', async () => {
  requireBuiltDist();
  expect(await runNode('test/exporters/rpcz/fixtures/forgotten-handler.js')).toEqual(cleanRun(['created']));
});
