'use strict';
// grpc-census live demo: a measured fetchIt server and client, a steady mix of
// calls, a table of the main views every second, /metrics for Prometheus and
// the live /rpcz page beside it.
//
//   npm start                                   # until Ctrl-C, /metrics and /rpcz on 127.0.0.1:9464
//   node examples/demo/demo.js --duration 10 --port 0
const prom = require('prom-client');
const census = require('grpc-census');
const { startServer, connect } = require('./fetch-service');
const { startTraffic } = require('./traffic');
const { createTable } = require('./table');

const { stats, Aggregation, View, PrometheusExporter } = census;

/** A mistake of the person running the demo: printed as one line, no stack. */
class UsageError extends Error {}

function option(name, fallback) {
  const i = process.argv.indexOf(name);
  if (i === -1) return fallback;
  const value = Number(process.argv[i + 1]);
  if (!Number.isFinite(value) || value < 0) throw new UsageError(`${name} expects a non-negative number, got ${process.argv[i + 1]}`);
  return value;
}

// p50/p99 per method for the table (and a `_quantiles` summary in /metrics).
const latencyPercentiles = new View({
  name: 'demo/client/roundtrip_latency',
  measure: census.ClientRoundtripLatency,
  aggregation: Aggregation.distribution([...census.DefaultMillisecondsDistribution.bounds], { percentiles: true }),
  tagKeys: [census.KeyClientMethod],
});

async function main() {
  const duration = option('--duration', 0);
  stats.registerView(...census.DefaultClientViews, ...census.ExtraClientViews, ...census.DefaultServerViews, ...census.ExtraServerViews, latencyPercentiles);
  prom.collectDefaultMetrics();
  const exporter = new PrometheusExporter();
  const { port } = await exporter.startServer({ port: option('--port', 9464), rpcz: true });
  const server = await startServer();
  const client = connect(server.address);
  const traffic = startTraffic(client);
  const url = `http://127.0.0.1:${port}/metrics`;
  const page = `http://127.0.0.1:${port}/rpcz`;
  console.log(`grpc-census demo: fetchIt server on ${server.address}, metrics: ${url}, live page: ${page}`);

  const table = createTable(stats, latencyPercentiles);
  const started = performance.now();
  const header = () => `grpc-census demo, ${((performance.now() - started) / 1000).toFixed(0)} s, metrics at ${url}, live page at ${page}${duration ? '' : ' (Ctrl-C to stop)'}`;
  const show = () => console.log(`${process.stdout.isTTY ? '\x1b[H\x1b[2J' : '\n'}${table(header())}`);
  const ticker = setInterval(show, 1000);

  let stopping;
  const stop = () =>
    (stopping ??= (async () => {
      clearInterval(ticker);
      clearTimeout(timer);
      await traffic.stop();
      client.close();
      await server.stop();
      show();
      await exporter.stop();
      console.log('\nstopped cleanly');
    })());
  const timer = duration > 0 ? setTimeout(stop, duration * 1000) : undefined;
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

/** The one line for a mistake of the person running the demo, or undefined for a bug (printed whole). */
function usageMessage(err) {
  if (err instanceof UsageError) return err.message;
  // Only the metrics port is chosen by the user (the gRPC server binds port 0).
  if (err?.code === 'EADDRINUSE') {
    return `port ${err.port} is already in use (another demo or Prometheus exporter?): run it with --port 0 for any free port, or --port <another port> (npm start -- --port 0)`;
  }
  return undefined;
}

main().catch((err) => {
  const usage = usageMessage(err);
  console.error(usage === undefined ? err : `grpc-census demo: ${usage}`);
  process.exitCode = 1;
});
