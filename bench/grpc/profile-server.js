'use strict';
// Where the instrumented server's CPU goes: runs a bare and an instrumented
// Echo server (alternating, fresh processes, --cpu-prof) against a bare
// client on 127.0.0.1 and prints busy CPU per RPC by category.
//   node bench/grpc/profile-server.js [calls=20000] [rounds=3]
// Run `npm run build` first.
const { fork } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { grpc, Echo, REQUEST, echoImpl } = require('./echo');

const IN_FLIGHT = 32;

if (process.argv[2] === '--child') {
  const census = require('../lib/census').loadCensus();
  census.stats.registerView(...census.DefaultServerViews, ...census.ExtraServerViews);
  const server = process.argv[3] === 'census' ? census.createServer() : new grpc.Server();
  const counter = { calls: 0 };
  server.addService(Echo.service, echoImpl(counter));
  server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (err, port) => process.send(err ? { error: err.message } : { port }));
  process.on('message', () => {
    process.send({ calls: counter.calls });
    server.forceShutdown();
    setTimeout(() => process.exit(0), 50);
  });
} else {
  main();
}

async function serveAndCall(variant, calls, dir) {
  const child = fork(__filename, ['--child', variant], { execArgv: ['--cpu-prof', `--cpu-prof-dir=${dir}`] });
  const { port, error } = await new Promise((resolve) => child.once('message', resolve));
  if (error) throw new Error(error);
  const client = new Echo(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
  await new Promise((resolve, reject) => {
    let started = 0;
    let done = 0;
    const next = () => {
      if (started === calls) return;
      started++;
      client.Unary(REQUEST, (err) => (err ? reject(err) : ++done === calls ? resolve() : next()));
    };
    for (let i = 0; i < IN_FLIGHT; i++) next();
  });
  client.close();
  child.send('stop');
  const { calls: served } = await new Promise((resolve) => child.once('message', resolve));
  await new Promise((resolve) => child.once('exit', resolve));
  return served;
}

/** Busy (non-idle) profile time in µs, by category. */
function categorize(dir) {
  const cats = {};
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'))) {
    const profile = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
    const byId = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
    profile.samples.forEach((id, i) => {
      const { functionName, url } = byId.get(id);
      if (functionName === '(idle)') return;
      const cat =
        functionName === '(garbage collector)' ? 'gc'
          : url.includes('async_hooks') ? 'async_hooks'
            : url.includes('grpc-census') || url.includes('/dist/') ? 'grpc-census'
              : url.includes('grpc-js') ? 'grpc-js'
                : url.includes('http2') ? 'node http2'
                  : 'other node/V8';
      cats[cat] = (cats[cat] ?? 0) + profile.timeDeltas[i];
    });
  }
  return cats;
}

async function main() {
  const calls = Number(process.argv[2] ?? 20000);
  const rounds = Number(process.argv[3] ?? 3);
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'census-prof-'));
  const served = { bare: 0, census: 0 };
  for (let r = 0; r < rounds; r++) {
    for (const variant of r % 2 ? ['census', 'bare'] : ['bare', 'census']) served[variant] += await serveAndCall(variant, calls, path.join(root, variant));
  }
  const bare = categorize(path.join(root, 'bare'));
  const census = categorize(path.join(root, 'census'));
  const names = [...new Set([...Object.keys(bare), ...Object.keys(census)])].sort();
  const perRpc = (cats, name, n) => (cats[name] ?? 0) / n;
  console.log(`| category | bare µs/RPC | instrumented µs/RPC | difference |\n| --- | --- | --- | --- |`);
  let tb = 0;
  let tc = 0;
  for (const name of names) {
    const b = perRpc(bare, name, served.bare);
    const c = perRpc(census, name, served.census);
    tb += b;
    tc += c;
    console.log(`| ${name} | ${b.toFixed(1)} | ${c.toFixed(1)} | ${(c - b).toFixed(1)} |`);
  }
  console.log(`| **busy total** | ${tb.toFixed(1)} | ${tc.toFixed(1)} | ${(tc - tb).toFixed(1)} |`);
  fs.rmSync(root, { recursive: true, force: true });
}
