'use strict';
// The /rpcz page of a measured gRPC service, mounted in your own HTTP server.
//
//   npm run build && node examples/rpcz/rpcz.js            # open the printed address; Ctrl-C to stop
//   node examples/rpcz/rpcz.js --duration 5 --port 0       # stops by itself after 5 s
//
// With the Prometheus exporter, `exporter.startServer({ rpcz: true })` serves
// the same page beside /metrics instead (see examples/demo).
const http = require('node:http');
const path = require('node:path');
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');
const census = require('grpc-census');

const { stats, rpczHandler, clientOptions, createServer } = census;

function option(name, fallback) {
  const i = process.argv.indexOf(name);
  if (i === -1) return fallback;
  const value = Number(process.argv[i + 1]);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} expects a non-negative integer, got ${process.argv[i + 1]}`);
  return value;
}

const { Greeter } = grpc.loadPackageDefinition(protoLoader.loadSync(path.join(__dirname, 'greeter.proto'), { keepCase: true })).example;

const greeter = {
  SayHello(call, callback) {
    if (call.request.name === 'nobody') return callback({ code: grpc.status.NOT_FOUND, details: 'nobody is here' });
    setTimeout(() => callback(null, { message: `Hello, ${call.request.name}` }), Math.random() * 4);
  },
  ListGreetings(call) {
    for (const word of ['Hello', 'Hi', 'Hey', 'Howdy']) call.write({ message: `${word}, ${call.request.name}` });
    call.end();
  },
};

const sayHello = (client, name) => new Promise((resolve) => client.SayHello({ name }, () => resolve()));
const listGreetings = (client, name) =>
  new Promise((resolve) => client.ListGreetings({ name }).on('data', () => {}).on('error', resolve).on('end', resolve));

/** GET `url` and parse the JSON. */
async function getJson(url) {
  const res = await fetch(url);
  return res.json();
}

async function main() {
  const duration = option('--duration', 0);
  // The page reads these views; register them before any call.
  stats.registerView(...census.DefaultServerViews, ...census.ExtraServerViews, ...census.DefaultClientViews, ...census.ExtraClientViews);

  const server = createServer();
  server.addService(Greeter.service, greeter);
  const port = await new Promise((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (err, p) => (err ? reject(err) : resolve(p))),
  );
  const client = new Greeter(`127.0.0.1:${port}`, grpc.credentials.createInsecure(), clientOptions());

  // Your own HTTP server: mount the handler on /rpcz and /rpcz.json (it answers JSON for paths ending in .json).
  const rpcz = rpczHandler();
  const web = http.createServer((req, res) => {
    const p = req.url.split('?')[0];
    if (p === '/rpcz' || p === '/rpcz.json') return rpcz(req, res);
    res.writeHead(404).end();
  });
  await new Promise((resolve) => web.listen(option('--port', 8080), '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${web.address().port}`;
  console.log(`rpcz: ${base}/rpcz (JSON: ${base}/rpcz.json)`);

  // A first batch of known calls: 12 SayHello (2 of them NOT_FOUND) and 3 ListGreetings.
  for (let i = 0; i < 12; i++) await sayHello(client, i % 6 === 5 ? 'nobody' : `user${i}`);
  for (let i = 0; i < 3; i++) await listGreetings(client, `user${i}`);
  // The server records an RPC's end just after the client sees it: wait for the last one.
  let report = await getJson(`${base}/rpcz.json`);
  while (report.rows.filter((r) => r.side === 'server').reduce((n, r) => n + r.windows.total.calls, 0) < 15) {
    await new Promise((resolve) => setTimeout(resolve, 10));
    report = await getJson(`${base}/rpcz.json`);
  }
  console.log('after the first batch, /rpcz.json says:');
  for (const row of report.rows) {
    const w = row.windows.total;
    const byStatus = Object.entries(w.errorsByStatus).map(([status, n]) => ` (${status} ${n})`).join('');
    console.log(`  ${row.side} ${row.method.padEnd(30)} ${w.calls} calls, ${w.errors} errors${byStatus}, ${row.inFlight} in flight`);
  }

  // Then steady traffic to watch: a few calls every 100 ms.
  let n = 0;
  const traffic = setInterval(() => {
    n++;
    void sayHello(client, n % 10 === 0 ? 'nobody' : 'reader');
    if (n % 4 === 0) void listGreetings(client, 'reader');
  }, 100);

  let stopping;
  const stop = () =>
    (stopping ??= (async () => {
      clearInterval(traffic);
      clearTimeout(timer);
      client.close();
      await new Promise((resolve) => server.tryShutdown(resolve));
      rpcz.close();
      await new Promise((resolve) => web.close(resolve));
      console.log('stopped cleanly');
    })());
  const timer = duration > 0 ? setTimeout(stop, duration * 1000) : undefined;
  if (duration === 0) console.log('Ctrl-C to stop');
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
