import type { Socket } from 'node:net';
import { Gauge, type Registry } from 'prom-client';
import { Stats, TagMap, type PrometheusExporter } from '../../../src';
import { client } from './fixtures/grpc-views';
import { sendGet, until, warmConnection } from './fixtures/raw-http';
import { setup } from './helpers';

// Issue 10, item 2: concurrent scrapes share one render. Renders are counted
// by a metric of the registry itself (every render reads every metric once).

let exporter: PrometheusExporter | undefined;
const sockets: Socket[] = [];
afterEach(async () => {
  sockets.splice(0).forEach((s) => s.destroy());
  await exporter?.stop();
});

/** An exporter with one view and some data, and a gauge whose reads count the registry's renders. */
function counted(onRender: (n: number) => void = () => {}) {
  const s = setup({ stats: new Stats({ warn: () => {} }) });
  exporter = s.exporter;
  s.stats.registerView(client.views.completed);
  s.stats.record(client.measures.latency.m(1), TagMap.from({ grpc_client_method: 'pkg.Svc/M', grpc_client_status: 'OK' }));
  let renders = 0;
  new Gauge({
    name: 'test_renders',
    help: 'How many times the registry rendered.',
    registers: [s.registry],
    collect() {
      this.set(++renders);
      onRender(renders);
    },
  });
  return { ...s, renders: () => renders };
}

/** A metric whose read waits for `open()`: a render that stays in progress until the test says so. */
function gate(registry: Registry) {
  let open!: () => void;
  const opened = new Promise<void>((r) => (open = r));
  let reads = 0;
  registry.registerMetric({
    name: 'test_gate',
    help: 'Holds the render.',
    type: 'gauge',
    aggregator: 'sum',
    get: async () => {
      reads++;
      await opened;
      return { name: 'test_gate', help: 'Holds the render.', type: 'gauge', aggregator: 'sum', values: [{ labels: {}, value: 1 }] };
    },
  } as never);
  return { open, reads: () => reads };
}

async function connections(port: number, n: number): Promise<Socket[]> {
  const list = await Promise.all(Array.from({ length: n }, () => warmConnection(port)));
  sockets.push(...list);
  return list;
}

test('20 scrapes arriving while a render is in progress get that render: one render, 20 identical answers, counted', async () => {
  const { registry, stats, renders } = counted();
  const held = gate(registry);
  const { port } = await exporter!.startServer({ port: 0 });
  const conns = await connections(port, 20);
  const first = sendGet(conns[0]);
  await until('the first render to start', () => held.reads() === 1);
  const rest = conns.slice(1).map((c) => sendGet(c));
  await until('19 scrapes to join the render', () => stats.diagnostics.get('prometheus.sharedScrapes') === 19);
  held.open();
  const answers = await Promise.all([first, ...rest]);
  expect(renders()).toBe(1);
  expect(answers.map((a) => a.status)).toEqual(Array(20).fill(200));
  expect(new Set(answers.map((a) => a.body)).size).toBe(1);
  expect(answers[0].body).toContain('\ntest_renders 1\n');
  expect(answers[0].body).toContain('grpc_io_client_completed_rpcs{grpc_client_method="pkg.Svc/M",grpc_client_status="OK"} 1\n');

  // A scrape after the render is over gets a new one, with the data recorded since.
  stats.record(client.measures.latency.m(1), TagMap.from({ grpc_client_method: 'pkg.Svc/M', grpc_client_status: 'OK' }));
  const later = await sendGet((await connections(port, 1))[0]);
  expect(renders()).toBe(2);
  expect(later.body).toContain('grpc_io_client_completed_rpcs{grpc_client_method="pkg.Svc/M",grpc_client_status="OK"} 2\n');
});

test('a synchronous render: scrapes read in the same poll and scrapes that arrive during the render share it', async () => {
  // The 10 late requests are written from inside the render, so they reach the
  // server while the event loop is blocked by it, as in a real burst.
  let late: Socket[] = [];
  let lateAnswers: ReturnType<typeof sendGet>[] = [];
  const { stats, renders } = counted((n) => {
    if (n === 1) lateAnswers = late.map((c) => sendGet(c));
  });
  const { port } = await exporter!.startServer({ port: 0 });
  const early = await connections(port, 10);
  late = await connections(port, 10);
  const earlyAnswers = await Promise.all(early.map((c) => sendGet(c)));
  // The render wrote the late requests: by the time it answered the early ones they were sent.
  expect(lateAnswers).toHaveLength(10);
  const all = [...earlyAnswers, ...((await Promise.all(lateAnswers)) as typeof earlyAnswers)];
  expect(renders()).toBe(1);
  expect(stats.diagnostics.get('prometheus.sharedScrapes')).toBe(19);
  expect(new Set(all.map((a) => `${a.status} ${a.body}`)).size).toBe(1);
});

test('exporter.metrics() shares the render in progress too; a failed render fails every caller once', async () => {
  const { registry, renders } = counted();
  const texts = await Promise.all([exporter!.metrics(), exporter!.metrics(), exporter!.metrics()]);
  expect(renders()).toBe(1);
  expect(new Set(texts).size).toBe(1);
  registry.registerMetric({ name: 'broken', get: () => Promise.reject(new Error('boom')) } as never);
  const failed = await Promise.allSettled([exporter!.metrics(), exporter!.metrics()]);
  expect(failed.map((r) => r.status)).toEqual(['rejected', 'rejected']);
  expect(renders()).toBe(2);
  // Nothing sticks: the next call renders again.
  registry.removeSingleMetric('broken');
  await exporter!.metrics();
  expect(renders()).toBe(3);
});
