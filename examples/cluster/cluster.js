'use strict';
// One /metrics for a node:cluster app: every worker keeps its own views, and
// the primary sums them with prom-client's AggregatorRegistry — counters and
// histogram buckets exactly.
//
//   npm run build && node examples/cluster/cluster.js               # 3 workers, /metrics on :9464 until Ctrl-C
//   node examples/cluster/cluster.js --workers 3 --port 0 --once     # prints the summed server views and exits
//
// The workers serve the fetchIt service on one 127.0.0.1 port, shared the
// node:cluster way (the primary hands each connection to a worker), and call
// it: worker n makes 2n calls of exactly 1024 bytes each way and one call
// that fails with INVALID_ARGUMENT (a 1500-byte request), so the totals are
// known: with 3 workers, 12 OK + 3 failed.
const cluster = require('node:cluster');
const http = require('node:http');
const grpc = require('@grpc/grpc-js');
const prom = require('prom-client');
const census = require('grpc-census');
const { FetchClient, FetchService } = require('../fetchit/proto');

function option(name, fallback) {
  const i = process.argv.indexOf(name);
  return i === -1 ? fallback : process.argv[i + 1];
}

// In the primary it aggregates; in a worker, constructing it makes the worker
// answer the primary's requests with its registry (prom-client's global one).
const aggregator = new prom.AggregatorRegistry();

if (cluster.isPrimary) primary().catch(fail);
else worker().catch(fail);

async function primary() {
  const n = Number(option('--workers', 3));
  let ready = 0;
  const allReady = new Promise((resolve) => {
    cluster.on('message', (_, message) => {
      if (message === 'ready' && ++ready === n) resolve();
    });
  });
  for (let i = 1; i <= n; i++) cluster.fork({ WORKER_NUMBER: String(i) });

  // Prometheus scrapes the primary only; the primary asks every worker.
  const server = http.createServer(async (req, res) => {
    try {
      const text = await aggregator.clusterMetrics();
      res.writeHead(200, { 'Content-Type': aggregator.contentType });
      res.end(text);
    } catch (err) {
      res.writeHead(500).end(String(err));
    }
  });
  await new Promise((resolve) => server.listen(Number(option('--port', 9464)), '127.0.0.1', resolve));
  console.log(`primary: ${n} workers, summed metrics on http://127.0.0.1:${server.address().port}/metrics`);
  await allReady;

  if (process.argv.includes('--once')) {
    const text = await (await fetch(`http://127.0.0.1:${server.address().port}/metrics`)).text();
    // Counters, and of every histogram the buckets around 1024 bytes, +Inf and the count.
    const wanted = /^grpc_io_server_(completed_rpcs|started_rpcs|\w+_bucket\{.*le="(1024|2048|\+Inf)"|\w+_count)/;
    for (const line of text.split('\n')) if (wanted.test(line)) console.log(line);
    return stop(server);
  }
  console.log('Ctrl-C to stop');
  process.once('SIGINT', () => stop(server));
}

/** Asks every worker to shut down (they exit by themselves), and closes /metrics. */
function stop(server) {
  for (const w of Object.values(cluster.workers)) w.send('stop');
  server.close();
  server.closeAllConnections();
}

async function worker() {
  const number = Number(process.env.WORKER_NUMBER);
  // The same code as a single-process app: views on the process-wide stats,
  // exported into prom-client's global registry (no HTTP server in workers).
  census.stats.registerView(...census.DefaultServerViews);
  const exporter = new census.PrometheusExporter();

  const server = census.createServer();
  server.addService(FetchService, {
    Capitalize(call, callback) {
      if (call.request.id < 0) return callback({ code: grpc.status.INVALID_ARGUMENT, details: 'negative id' });
      callback(null, { id: call.request.id, data: Buffer.from(call.request.data.toString('latin1').toUpperCase(), 'latin1') });
    },
  });
  const port = await new Promise((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (err, p) => (err ? reject(err) : resolve(p))),
  );
  const client = new FetchClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure(), census.clientOptions());
  const call = (payload) => new Promise((resolve) => client.Capitalize(payload, (err) => resolve(err ? err.code : 0)));
  // { id: 1, data: 1019 bytes } serializes to exactly 1024 bytes: on a bucket bound.
  for (let i = 0; i < 2 * number; i++) await call({ id: 1, data: Buffer.alloc(1019, 'a') });
  await call({ id: -1, data: Buffer.alloc(1500, 'b') });
  process.send('ready');

  process.on('message', (message) => {
    if (message !== 'stop') return;
    client.close();
    server.tryShutdown(async () => {
      await exporter.stop();
      process.disconnect(); // the IPC channel was the last handle: the worker exits
    });
  });
}

function fail(err) {
  console.error(err);
  process.exitCode = 1;
  if (cluster.isPrimary) for (const w of Object.values(cluster.workers)) w.kill();
}
