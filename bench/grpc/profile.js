'use strict';
// Where the plugin's CPU goes on one side of a call: runs bare and
// instrumented variants (alternating, fresh processes) on 127.0.0.1, profiles
// the chosen side with --cpu-prof and prints busy CPU per RPC by category.
// The other side matches the variant (an instrumented client talks to an
// instrumented server, so it also reads the server-latency trailer).
//   node bench/grpc/profile.js [server|client] [calls=20000] [rounds=3] [server PluginOptions JSON]
// Run `npm run build` first.
const { fork } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { grpc, Echo, REQUEST, echoImpl } = require('./echo');

const IN_FLIGHT = 32;


function loadInstrumented(variant, views) {
  if (variant !== 'census') return undefined;
  const census = require('../lib/census').loadCensus();
  census.stats.registerView(...census[views[0]], ...census[views[1]]);
  return census;
}

function serve(variant, optionsJson) {
  const census = loadInstrumented(variant, ['DefaultServerViews', 'ExtraServerViews']);
  const server = census ? census.createServer({ census: JSON.parse(optionsJson || '{}') }) : new grpc.Server();
  const counter = { calls: 0 };
  server.addService(Echo.service, echoImpl(counter));
  server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (err, port) => process.send(err ? { error: err.message } : { port }));
  process.on('message', () => {
    process.send({ calls: counter.calls });
    server.forceShutdown();
    setTimeout(() => process.exit(0), 50);
  });
}

function callServer(variant, port, calls) {
  const census = loadInstrumented(variant, ['DefaultClientViews', 'ExtraClientViews']);
  const creds = grpc.credentials.createInsecure();
  const client = census ? new Echo(`127.0.0.1:${port}`, creds, census.clientOptions()) : new Echo(`127.0.0.1:${port}`, creds);
  let started = 0;
  let done = 0;
  const next = () => {
    if (started === calls) return;
    started++;
    client.Unary(REQUEST, (err) => {
      if (err) throw err;
      if (++done < calls) return next();
      client.close();
      process.send({ calls: done });
    });
  };
  for (let i = 0; i < IN_FLIGHT; i++) next();
}

const once = (child, event) => new Promise((resolve) => child.once(event, resolve));

/** One profiled run of `variant`; returns the calls the profiled side handled. */
async function run(side, variant, calls, dir, serverOptions) {
  const profiled = { execArgv: ['--cpu-prof', `--cpu-prof-dir=${dir}`] };
  const server = fork(__filename, ['--server', variant, serverOptions], side === 'server' ? profiled : {});
  const { port, error } = await once(server, 'message');
  if (error) throw new Error(error);
  const client = fork(__filename, ['--client', variant, String(port), String(calls)], side === 'client' ? profiled : {});
  const made = await Promise.race([once(client, 'message'), once(client, 'exit').then((code) => Promise.reject(new Error(`client exited with ${code}`)))]);
  const clientExit = once(client, 'exit');
  client.disconnect();
  await clientExit;
  server.send('stop');
  const served = await once(server, 'message');
  await once(server, 'exit');
  return side === 'server' ? served.calls : made.calls;
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
  const side = process.argv[2] ?? 'server';
  if (side !== 'server' && side !== 'client') throw new Error('usage: node bench/grpc/profile.js [server|client] [calls] [rounds]');
  const calls = Number(process.argv[3] ?? 20000);
  const rounds = Number(process.argv[4] ?? 3);
  const serverOptions = JSON.stringify(JSON.parse(process.argv[5] ?? '{}'));
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'census-prof-'));
  const handled = { bare: 0, census: 0 };
  for (let r = 0; r < rounds; r++) {
    for (const variant of r % 2 ? ['census', 'bare'] : ['bare', 'census']) handled[variant] += await run(side, variant, calls, path.join(root, variant), serverOptions);
  }
  const bare = categorize(path.join(root, 'bare'));
  const census = categorize(path.join(root, 'census'));
  const names = [...new Set([...Object.keys(bare), ...Object.keys(census)])].sort();
  const perRpc = (cats, name, n) => (cats[name] ?? 0) / n;
  console.log(`${side}, ${rounds} × ${calls} unary calls per variant${serverOptions === '{}' ? '' : `, server census options ${serverOptions}`}\n\n| category | bare µs/RPC | instrumented µs/RPC | difference |\n| --- | --- | --- | --- |`);
  let tb = 0;
  let tc = 0;
  for (const name of names) {
    const b = perRpc(bare, name, handled.bare);
    const c = perRpc(census, name, handled.census);
    tb += b;
    tc += c;
    console.log(`| ${name} | ${b.toFixed(1)} | ${c.toFixed(1)} | ${(c - b).toFixed(1)} |`);
  }
  console.log(`| **busy total** | ${tb.toFixed(1)} | ${tc.toFixed(1)} | ${(tc - tb).toFixed(1)} |`);
  if (process.env.KEEP_PROFILES) console.log(`profiles kept in ${root}`);
  else fs.rmSync(root, { recursive: true, force: true });
}

const role = process.argv[2];
if (role === '--server') serve(process.argv[3], process.argv[4]);
else if (role === '--client') callServer(process.argv[3], Number(process.argv[4]), Number(process.argv[5]));
else main();
