'use strict';
// Heap allocated per unary RPC by the plugin, on each side, from processes of
// their own (steady even on a busy machine, unlike throughput or CPU):
//   node bench/grpc/heap-per-rpc.js [--census '{"handlerTagContext":false}'] [--dist DIR]
// Runs a bare pair, then an instrumented pair (createServer() with all server
// views, clientOptions() with all client views); each pair is a server
// process and a client process, 32 calls in flight on 127.0.0.1,
// 3000 warm-up calls, then 5 windows of 3000 calls. Each side measures its
// own allocations (bench/lib/alloc-meter.js); the median window is reported.
const path = require('node:path');
const { fork } = require('node:child_process');
const { grpc, Echo, REQUEST, echoImpl } = require('./echo');
const { AllocMeter } = require('../lib/alloc-meter');
const { sideViews } = require('./variants');

const CALLS = 3000;
const WINDOWS = 5;
const args = process.argv.slice(2);
const opt = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const dist = path.resolve(opt('--dist', path.join(__dirname, '..', '..', 'dist')));
const censusOptions = opt('--census', '{}');

if (process.env.HEAP_PER_RPC_SERVER) {
  // The server process: bare or instrumented; measures between 'start' and 'stop'.
  const census = require(dist);
  const instrumented = process.env.HEAP_PER_RPC_SERVER === 'census';
  census.stats.registerView(...sideViews(census, 'server'));
  const server = instrumented ? census.createServer({ census: JSON.parse(censusOptions) }) : new grpc.Server();
  server.addService(Echo.service, echoImpl({ calls: 0 }));
  let meter;
  process.on('message', (m) => {
    if (m === 'start') {
      meter = new AllocMeter();
      meter.start();
      process.send('started');
    } else if (m === 'stop') {
      process.send({ bytes: meter.stop() });
    } else if (m === 'exit') {
      server.forceShutdown();
      process.exit(0);
    }
  });
  server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (err, port) => {
    if (err) throw err;
    process.send({ port });
  });
} else if (process.env.HEAP_PER_RPC_PAIR) {
  // One pair's client process: prints its figures as JSON.
  const census = require(dist);
  census.stats.registerView(...sideViews(census, 'client'));
  pair(process.env.HEAP_PER_RPC_PAIR).then((r) => process.send(r));
} else {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}

/** Runs one pair with its client in a fresh process too. */
function pairApart(mode) {
  return new Promise((resolve, reject) => {
    const child = fork(__filename, args, { env: { ...process.env, HEAP_PER_RPC_PAIR: mode } });
    child.once('message', (r) => {
      child.kill();
      resolve(r);
    });
    child.once('error', reject);
  });
}

async function pair(mode) {
  const census = require(dist);
  const child = fork(__filename, args, { env: { ...process.env, HEAP_PER_RPC_SERVER: mode } });
  const next = () => new Promise((resolve) => child.once('message', resolve));
  const { port } = await next();
  const client = new Echo(`127.0.0.1:${port}`, grpc.credentials.createInsecure(), mode === 'census' ? census.clientOptions() : {});
  const one = () => new Promise((resolve, reject) => client.Unary(REQUEST, (e) => (e ? reject(e) : resolve())));
  const batch = async (n) => {
    let left = n;
    await Promise.all(Array.from({ length: 32 }, async () => {
      while (left-- > 0) await one();
    }));
  };
  await batch(CALLS);
  const server = [];
  const clientSide = [];
  for (let i = 0; i < WINDOWS; i++) {
    child.send('start');
    await next();
    const meter = new AllocMeter();
    meter.start();
    await batch(CALLS);
    clientSide.push(meter.stop() / CALLS);
    child.send('stop');
    server.push((await next()).bytes / CALLS);
  }
  child.send('exit');
  client.close();
  const median = (a) => a.sort((x, y) => x - y)[Math.floor(a.length / 2)];
  return { server: median(server), client: median(clientSide) };
}

async function main() {
  const bare = await pairApart('bare');
  const instrumented = await pairApart('census');
  const row = (what, k) => `| ${what} | ${bare[k].toFixed(0)} | ${instrumented[k].toFixed(0)} | **${(instrumented[k] - bare[k]).toFixed(0)}** |`;
  console.log(`Node ${process.version}, grpc-js ${require('@grpc/grpc-js/package.json').version}, census options ${censusOptions}\n`);
  console.log('| heap bytes per unary RPC | bare | instrumented | plugin |\n| --- | --- | --- | --- |');
  console.log(row('server', 'server'));
  console.log(row('client', 'client'));
}
