'use strict';
// What one scrape costs, per series and per line: the synchronous render of
// `registry.metrics()` (the time the event loop is blocked) for
//   - a counter view:      N series, 1 line each
//   - a histogram view:    N series × 40 bounds, 43 lines each (40 + Inf, _sum, _count)
// and, for the concurrency fix, N clients scraping at once through the HTTP
// server (how many renders they caused).
//
//   npm run build && node bench/scrape/cost.js [--series 1000] [--rounds 20]
const net = require('node:net');
const { execFile } = require('node:child_process');
const { loadCensus } = require('../lib/census');
const { median } = require('../lib/stats');
const { MS_BOUNDS } = require('../record/workload');

function option(name, fallback) {
  const i = process.argv.indexOf(name);
  return i === -1 ? fallback : Number(process.argv[i + 1]);
}
const SERIES = option('--series', 1000);
const ROUNDS = option('--rounds', 20);
const CONCURRENT = option('--concurrent', 50);

const census = loadCensus();
const prom = require('prom-client');

function build(aggregation) {
  const stats = new census.Stats();
  const m = census.Measure.float64('bench/scrape_cost', 'scrape cost', 'ms');
  stats.registerView(new census.View({ name: 'bench/scrape_cost', description: 'scrape cost', measure: m, aggregation, tagKeys: ['method', 'status'] }));
  const registry = new prom.Registry();
  const exporter = new census.PrometheusExporter({ stats, registry });
  for (let s = 0; s < SERIES; s++) {
    const tags = census.TagMap.from({ method: `bench.Svc/Method${s >> 2}`, status: ['OK', 'CANCELLED', 'NOT_FOUND', 'UNAVAILABLE'][s & 3] });
    for (let k = 0; k < 20; k++) stats.record(m.m(0.005 * (k + 1) * (s + 1)), tags);
  }
  return { stats, registry, exporter };
}

/** Median ms of one `registry.metrics()` and the number of sample lines it wrote. */
async function render(registry) {
  const text = await registry.metrics();
  const lines = text.split('\n').filter((l) => l !== '' && !l.startsWith('#')).length;
  for (let i = 0; i < 3; i++) await registry.metrics();
  const ms = [];
  for (let r = 0; r < ROUNDS; r++) {
    const t0 = process.hrtime.bigint();
    await registry.metrics();
    ms.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return { ms: median(ms), lines, bytes: Buffer.byteLength(text) };
}

/** A kept-alive connection that has had one 404 answered: the server is reading from it. */
function warm(port) {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('error', reject);
    socket.once('data', () => resolve(socket));
    socket.write('HEAD /warm-up HTTP/1.1\r\nHost: bench\r\n\r\n');
  });
}

/** Writes `GET /metrics` and resolves with the status line once the server closes the connection. */
function get(socket) {
  return new Promise((resolve, reject) => {
    let head = '';
    socket.on('data', (c) => (head = head || c.toString('latin1', 0, 12)));
    socket.once('error', reject);
    socket.once('end', () => resolve(Number(head.split(' ')[1])));
    socket.write('GET /metrics HTTP/1.1\r\nHost: bench\r\nConnection: close\r\n\r\n');
  });
}

/** The scrapers run in another process, as real ones do: in this one they would wait for the renders they measure. */
function scrapeFromChild(port) {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [__filename, '--scrape', String(port), '--concurrent', String(CONCURRENT)], (err, stdout) => (err ? reject(err) : resolve(JSON.parse(stdout))));
  });
}

async function main() {
  const counter = build(census.Aggregation.count());
  const c = await render(counter.registry);
  const histogram = build(census.Aggregation.distribution(MS_BOUNDS));
  const h = await render(histogram.registry);
  const us = (ms, n) => ((ms * 1000) / n).toFixed(2);
  console.log(`node ${process.version}, ${SERIES} series, median of ${ROUNDS} renders`);
  console.log(`counter view:   ${c.ms.toFixed(2)} ms per scrape, ${c.lines} lines, ${(c.bytes / 1024).toFixed(0)} KiB: ${us(c.ms, SERIES)} µs per series`);
  console.log(
    `histogram view: ${h.ms.toFixed(2)} ms per scrape, ${h.lines} lines, ${(h.bytes / 1024).toFixed(0)} KiB: ${us(h.ms, SERIES)} µs per series, ${us(h.ms, h.lines)} µs per line`,
  );
  // N concurrent scrapes of the histogram view over HTTP: renders counted by a gauge read at each render.
  let renders = 0;
  new prom.Gauge({ name: 'bench_renders', help: 'renders', registers: [histogram.registry], collect() { this.set(++renders); } });
  const { port } = await histogram.exporter.startServer({ port: 0 });
  const statuses = await scrapeFromChild(port);
  if (statuses.some((s) => s !== 200)) throw new Error(`a scrape failed: ${statuses}`);
  console.log(`${CONCURRENT} concurrent HTTP scrapes of the histogram view: ${renders} render(s), ${histogram.stats.diagnostics.get('prometheus.sharedScrapes')} scrapes shared one`);
  await Promise.all([counter.exporter.stop(), histogram.exporter.stop()]);
}

async function scraper() {
  const port = option('--scrape', 0);
  // Connect first, then send every request in one go: N scrapes arriving together.
  const sockets = await Promise.all(Array.from({ length: CONCURRENT }, () => warm(port)));
  process.stdout.write(JSON.stringify(await Promise.all(sockets.map(get))));
}

(process.argv.includes('--scrape') ? scraper() : main()).catch((err) => {
  console.error(err);
  process.exit(1);
});
