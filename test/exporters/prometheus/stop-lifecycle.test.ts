import { createServer, type Socket } from 'node:net';
import type { Registry } from 'prom-client';
import { Stats, type PrometheusExporter } from '../../../src';
import { sendGet, until, warmConnection } from './fixtures/raw-http';
import { setup } from './helpers';

// Issue 10, item 6: startServer racing stop(), and stop() during scrapes.

let exporter: PrometheusExporter | undefined;
const sockets: Socket[] = [];
let release: (() => void) | undefined;
afterEach(async () => {
  release?.();
  sockets.splice(0).forEach((s) => s.destroy());
  await exporter?.stop();
});

function fresh() {
  const s = setup({ stats: new Stats({ warn: () => {} }) });
  exporter = s.exporter;
  return s;
}

/** A metric whose read waits until released: a scrape that stays in flight. */
function holdRenders(registry: Registry): { reads: () => number } {
  let reads = 0;
  const opened = new Promise<void>((r) => (release = r));
  registry.registerMetric({
    name: 'test_gate',
    help: 'Holds the render.',
    get: async () => {
      reads++;
      await opened;
      return { name: 'test_gate', help: 'Holds the render.', type: 'gauge', aggregator: 'sum', values: [{ labels: {}, value: 1 }] };
    },
  } as never);
  return { reads: () => reads };
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

function refused(port: number): Promise<string> {
  return warmConnection(port).then(
    (s) => {
      s.destroy();
      return 'accepted';
    },
    (err: NodeJS.ErrnoException) => String(err.code),
  );
}

async function connected(port: number): Promise<Socket> {
  const s = await warmConnection(port);
  sockets.push(s);
  return s;
}

test('startServer() then stop() before it is listening: the start rejects, and the port is closed once stop() resolves', async () => {
  const { exporter: e } = fresh();
  const port = await freePort();
  const starting = e.startServer({ port });
  const stopping = e.stop();
  await expect(starting).rejects.toThrow('PrometheusExporter: stop() was called before the server was listening; it is closed');
  await stopping;
  expect(await refused(port)).toBe('ECONNREFUSED');
  await expect(e.startServer({ port: 0 })).rejects.toThrow('PrometheusExporter: startServer after stop(); create a new exporter');
});

test('stop() lets a scrape in flight finish (full answer, Connection: close) and refuses new connections meanwhile', async () => {
  const { exporter: e, registry } = fresh();
  const held = holdRenders(registry);
  const { port } = await e.startServer({ port: 0, shutdownGraceMs: 60_000 });
  const answer = sendGet(await connected(port));
  await until('the scrape to start rendering', () => held.reads() === 1);
  let stopped = false;
  const stopping = e.stop().then(() => (stopped = true));
  expect(await refused(port)).toBe('ECONNREFUSED');
  expect(stopped).toBe(false);
  release!();
  const res = await answer;
  expect([res.status, res.headers.connection]).toEqual([200, 'close']);
  expect(res.body).toContain('test_gate 1\n');
  await stopping;
});

test('a scrape still in flight after shutdownGraceMs has its connection closed, and stop() resolves', async () => {
  const { exporter: e, registry } = fresh();
  const held = holdRenders(registry);
  const { port } = await e.startServer({ port: 0, shutdownGraceMs: 20 });
  const answer = sendGet(await connected(port));
  await until('the scrape to start rendering', () => held.reads() === 1);
  await e.stop();
  await expect(answer).rejects.toMatchObject({ code: 'ECONNRESET' });
});

test('idle kept-alive connections do not hold stop() for the grace period', async () => {
  const { exporter: e } = fresh();
  const { port } = await e.startServer({ port: 0, shutdownGraceMs: 60_000 });
  const idle = await connected(port);
  const closed = new Promise<void>((r) => idle.once('close', () => r()));
  await e.stop(); // jest's 5 s test timeout would catch a wait of 60 s
  await closed;
  expect(await refused(port)).toBe('ECONNREFUSED');
});

test('stop() twice returns the same promise; a failed start leaves the exporter startable', async () => {
  const { exporter: e } = fresh();
  const other = fresh().exporter;
  const { port } = await other.startServer({ port: 0 });
  await expect(e.startServer({ port })).rejects.toMatchObject({ code: 'EADDRINUSE' });
  await other.stop();
  exporter = e;
  expect((await e.startServer({ port: 0 })).port).toBeGreaterThan(0);
  const a = e.stop();
  expect(e.stop()).toBe(a);
  await a;
});
