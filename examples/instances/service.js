'use strict';
// One instance of an instrumented gRPC service, as you would run several of
// behind a load balancer: its own views, its own /metrics for Prometheus to
// scrape (see prometheus.yml beside this file and docs/scaling.md).
//
//   npm run build && node examples/instances/service.js --metrics-port 9464 --calls 10
//
// It serves the fetchIt service on a free 127.0.0.1 port, makes `--calls`
// calls to itself (every fifth fails with INVALID_ARGUMENT), opens /metrics,
// prints
// "ready grpc=<port> metrics=<port> calls=<n>", then serves until SIGINT or
// SIGTERM (a clean shutdown: exit code 0), or until `--lifetime` seconds
// have passed if given.
const grpc = require('@grpc/grpc-js');
const census = require('grpc-census');
const { FetchClient, FetchService } = require('../fetchit/proto');

function option(name, fallback) {
  const i = process.argv.indexOf(name);
  return i === -1 ? fallback : Number(process.argv[i + 1]);
}

async function main() {
  census.stats.registerView(...census.DefaultServerViews, ...census.DefaultClientViews);
  const exporter = new census.PrometheusExporter();
  const server = census.createServer();
  server.addService(FetchService, {
    Capitalize(call, callback) {
      if (call.request.id < 0) return callback({ code: grpc.status.INVALID_ARGUMENT, details: 'negative id' });
      callback(null, { id: call.request.id, data: Buffer.from(call.request.data.toString('utf8').toUpperCase()) });
    },
  });
  const grpcPort = await new Promise((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (err, port) => (err ? reject(err) : resolve(port))),
  );
  const client = new FetchClient(`127.0.0.1:${grpcPort}`, grpc.credentials.createInsecure(), census.clientOptions());
  const calls = option('--calls', 10);
  for (let i = 1; i <= calls; i++) {
    await new Promise((resolve) => client.Capitalize({ id: i % 5 === 0 ? -i : i, data: Buffer.from(`call ${i}`) }, () => resolve()));
  }
  // /metrics opens after the calls, so that every scrape sees all of them.
  const { port: metricsPort } = await exporter.startServer({ port: option('--metrics-port', 9464) });
  console.log(`ready grpc=${grpcPort} metrics=${metricsPort} calls=${calls}`);

  let lifetime;
  const stop = () => {
    clearTimeout(lifetime);
    process.off('SIGINT', stop).off('SIGTERM', stop);
    client.close();
    server.tryShutdown(() => void exporter.stop());
  };
  const seconds = option('--lifetime', 0);
  if (seconds > 0) lifetime = setTimeout(stop, seconds * 1000);
  process.on('SIGINT', stop).on('SIGTERM', stop);
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
