'use strict';
// gRFC A66 — OpenTelemetry's standard gRPC metrics — for a grpc-js service,
// exported through the OpenTelemetry SDK twice: over OTLP/HTTP (to an
// OpenTelemetry Collector) and as Prometheus text by OpenTelemetry's own
// Prometheus exporter. grpc-census records; CensusMetricProducer hands every
// registered view to the SDK's readers.
//
//   npm run build && node examples/otel-a66/otel-a66.js
//       serves gRPC, calls itself once a second, exports over OTLP every 10 s
//       (OTEL_EXPORTER_OTLP_METRICS_ENDPOINT, default http://localhost:4318/v1/metrics)
//       and serves http://127.0.0.1:9464/metrics, until Ctrl-C
//   node examples/otel-a66/otel-a66.js --once --otlp URL --prom-port 0
//       7 calls, one OTLP export, one scrape printed, then exits
//   --views a66 | opencensus | both   which set to register (default a66)
const http = require('node:http');
const grpc = require('@grpc/grpc-js');
const { diag, DiagConsoleLogger, DiagLogLevel } = require('@opentelemetry/api');
const { MeterProvider, PeriodicExportingMetricReader } = require('@opentelemetry/sdk-metrics');
const { OTLPMetricExporter } = require('@opentelemetry/exporter-metrics-otlp-proto');
const { PrometheusExporter } = require('@opentelemetry/exporter-prometheus');
const census = require('grpc-census');
const { CensusMetricProducer } = require('grpc-census/otel');
const { FetchClient, FetchService } = require('../fetchit/proto');

function option(name, fallback) {
  const i = process.argv.indexOf(name);
  return i === -1 ? fallback : process.argv[i + 1];
}
const once = process.argv.includes('--once');

// Export failures go to OpenTelemetry's diagnostic logger: show them.
diag.setLogger(new DiagConsoleLogger(), DiagLogLevel.ERROR);

// One engine, either set of views or both at once: both are fed by the same per-RPC path.
const SETS = {
  a66: [...census.A66ClientViews, ...census.A66ServerViews],
  opencensus: [...census.DefaultClientViews, ...census.DefaultServerViews],
};
const which = option('--views', 'a66');
const views = which === 'both' ? [...SETS.a66, ...SETS.opencensus] : SETS[which];
if (views === undefined) throw new Error(`--views must be a66, opencensus or both, got ${which}`);
const stats = new census.Stats();
stats.registerView(...views);

// The OpenTelemetry side: one producer, read by two readers.
const producer = new CensusMetricProducer({ stats });
const otlp = new PeriodicExportingMetricReader({
  exporter: new OTLPMetricExporter(option('--otlp') ? { url: option('--otlp') } : {}),
  exportIntervalMillis: 10_000,
  metricProducers: [producer],
});
// preventServerStart + our own server: binds 127.0.0.1 only, and port 0 works.
const prometheus = new PrometheusExporter({ preventServerStart: true, metricProducers: [producer] });
const meterProvider = new MeterProvider({ readers: [otlp, prometheus] });
const metricsServer = http.createServer((req, res) => prometheus.getMetricsRequestHandler(req, res));

// The service: capitalizes text; "fail" is an INVALID_ARGUMENT.
const server = census.createServer({ census: { stats } });
server.addService(FetchService, {
  Capitalize(call, callback) {
    const text = call.request.data.toString();
    if (text === 'fail') return callback({ code: grpc.status.INVALID_ARGUMENT, details: 'cannot capitalize "fail"' });
    callback(null, { id: call.request.id, data: Buffer.from(text.toUpperCase()) });
  },
});

function listen(srv, port) {
  return new Promise((resolve) => srv.listen(port, '127.0.0.1', () => resolve(srv.address().port)));
}

async function main() {
  const grpcPort = await new Promise((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (err, port) => (err ? reject(err) : resolve(port))),
  );
  const promPort = await listen(metricsServer, Number(option('--prom-port', 9464)));
  console.log(`gRPC on 127.0.0.1:${grpcPort} with ${which} views; Prometheus text on http://127.0.0.1:${promPort}/metrics`);

  const client = new FetchClient(`127.0.0.1:${grpcPort}`, grpc.credentials.createInsecure(), census.clientOptions({ stats }));
  const call = (text) => new Promise((resolve) => client.Capitalize({ id: 1, data: Buffer.from(text) }, (err) => resolve(err)));

  if (!once) {
    const timer = setInterval(() => void call('hello'), 1000);
    process.once('SIGINT', () => {
      clearInterval(timer);
      void shutdown(client);
    });
    return console.log('Ctrl-C to stop');
  }

  for (let i = 0; i < 5; i++) await call('hello');
  for (let i = 0; i < 2; i++) await call('fail');
  await otlp.forceFlush(); // one OTLP export now, not in 10 s
  const text = await (await fetch(`http://127.0.0.1:${promPort}/metrics`)).text();
  // Counts only: they are the same on every run (durations are not).
  for (const line of text.split('\n')) if (/^grpc_\S*(_count|_total)\{/.test(line)) console.log(line);
  await shutdown(client);
}

async function shutdown(client) {
  client.close();
  await new Promise((resolve) => server.tryShutdown(resolve));
  await meterProvider.shutdown(); // a last OTLP export
  await new Promise((resolve) => metricsServer.close(resolve));
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
