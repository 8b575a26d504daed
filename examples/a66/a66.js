'use strict';
// gRFC A66 metrics (the instruments gRPC C++/Java/Go export through
// OpenTelemetry) from grpc-census: registered as views, read from the registry,
// and scraped as Prometheus text. One call is retried twice by a retry policy
// (3 attempts, 1 call), requests are gzip-compressed, and one generic call hits
// a method the server does not know.
//
//   npm run build && node examples/a66/a66.js
//   node examples/a66/a66.js --naming prometheus     # Prometheus-convention names
const path = require('node:path');
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');
const prom = require('prom-client');
const { A66ClientViews, A66ServerViews, PrometheusExporter, Stats, clientOptions, createServer } = require('grpc-census');

const stats = new Stats();
stats.registerView(...A66ClientViews, ...A66ServerViews); // A66 alone; add DefaultClientViews etc. for both sets

const { demo } = grpc.loadPackageDefinition(protoLoader.loadSync(path.join(__dirname, 'greeter.proto')));

let failuresLeft = 2;
const server = createServer({ census: { stats } });
server.addService(demo.Greeter.service, {
  SayHello(call, callback) {
    if (call.request.name === 'flaky' && failuresLeft-- > 0) return callback({ code: grpc.status.UNAVAILABLE, details: 'try again' });
    callback(null, { message: `Hello ${call.request.name}` });
  },
});

const retryPolicy = { maxAttempts: 3, initialBackoff: '0.01s', maxBackoff: '0.01s', backoffMultiplier: 1, retryableStatusCodes: ['UNAVAILABLE'] };
const channelOptions = {
  'grpc.service_config': JSON.stringify({ methodConfig: [{ name: [{ service: 'demo.Greeter' }], retryPolicy }] }),
  'grpc.default_compression_algorithm': 2, // gzip
};

const call = (client, name) => new Promise((resolve) => client.SayHello({ name: name }, (err, reply) => resolve(err ? err.code : reply.message)));

function printRows() {
  for (const view of [...A66ClientViews, ...A66ServerViews]) {
    const rows = stats.retrieveData(view).map((row) => {
      const tags = Object.entries(row.tags).map(([k, v]) => `${k}=${v}`).join(' ');
      const d = row.data;
      // Durations vary from run to run: their count is printed, their sum is not.
      const value = d.type === 'count' ? `${d.value}` : view.measure.unit === 's' ? `count=${d.count}` : `count=${d.count} sum=${d.sum}`;
      return `${view.name} {${tags}} ${value}`;
    });
    for (const line of rows.sort()) console.log(line);
  }
}

async function main() {
  const port = await new Promise((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (err, p) => (err ? reject(err) : resolve(p))),
  );
  const client = new demo.Greeter(`127.0.0.1:${port}`, grpc.credentials.createInsecure(), clientOptions({ stats }, channelOptions));
  console.log(await call(client, 'world'));
  console.log(await call(client, 'flaky'));
  const generic = new grpc.Client(`127.0.0.1:${port}`, grpc.credentials.createInsecure(), clientOptions({ stats }));
  const id = (b) => b;
  const code = await new Promise((resolve) => generic.makeUnaryRequest('/demo.Greeter/Unknown', id, id, Buffer.alloc(0), (err) => resolve(err.code)));
  console.log(`unknown method: status ${code}`);
  printRows();

  const naming = process.argv.includes('--naming') ? process.argv[process.argv.indexOf('--naming') + 1] : 'opencensus';
  const exporter = new PrometheusExporter({ stats, registry: new prom.Registry(), naming });
  const text = await exporter.metrics();
  for (const line of text.split('\n')) if (line.startsWith('grpc_server_call_started') || line.startsWith('grpc_client_attempt_started')) console.log(line);
  await exporter.stop();
  client.close();
  generic.close();
  server.forceShutdown();
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
