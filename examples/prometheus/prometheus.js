'use strict';
// grpc-census views served to Prometheus beside prom-client's own metrics.
//
//   npm run build && node examples/prometheus/prometheus.js            # serves :9464 until Ctrl-C
//   node examples/prometheus/prometheus.js --port 0 --once             # prints one scrape and exits
//   node examples/prometheus/prometheus.js --naming prometheus         # Prometheus-convention names (units, _total)
const { Aggregation, Measure, PrometheusExporter, TagKey, TagMap, View, stats } = require('grpc-census');
const prom = require('prom-client');

function option(name, fallback) {
  const i = process.argv.indexOf(name);
  return i === -1 ? fallback : process.argv[i + 1];
}

const KeyRoute = TagKey.of('route');
const latency = Measure.float64('example.com/request_latency', 'Time to serve a request', 'ms');
stats.registerView(
  new View({ name: 'example.com/requests', description: 'Requests by route', measure: latency, aggregation: Aggregation.count(), tagKeys: [KeyRoute] }),
  new View({ name: 'example.com/request_latency', measure: latency, aggregation: Aggregation.distribution([5, 10, 50, 100]), tagKeys: [KeyRoute] }),
);

// One registry for everything: prom-client's process metrics, your own metrics, and the views.
prom.collectDefaultMetrics();
new prom.Gauge({ name: 'example_build_info', help: 'Build information', labelNames: ['version'] }).set({ version: '1.0.0' }, 1);
// prom-client's global register; opencensus-go names unless --naming prometheus.
const exporter = new PrometheusExporter({ naming: option('--naming', 'opencensus') });

// 5 ms sits exactly on a bucket bound: it counts in le="5" (Prometheus buckets are inclusive).
for (const [route, ms] of [['/home', 4], ['/home', 5], ['/search', 42], ['/search', 120]]) {
  stats.record(latency.m(ms), TagMap.from({ route }));
}

async function main() {
  const { port } = await exporter.startServer({ port: Number(option('--port', 9464)) });
  console.log(`serving http://127.0.0.1:${port}/metrics`);
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  for (const line of text.split('\n')) {
    if (line.includes('example_com_') || line.startsWith('example_build_info')) console.log(line);
  }
  console.log(`prom-client default metrics in the same scrape: ${text.includes('\nprocess_cpu_user_seconds_total ')}`);
  if (process.argv.includes('--once')) return exporter.stop();
  console.log('Ctrl-C to stop');
  process.once('SIGINT', () => void exporter.stop());
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
