'use strict';
// Where the plugin's CPU goes on one side of a call: runs bare and
// instrumented variants (alternating, fresh processes, pinned like the
// throughput harness) on 127.0.0.1, profiles the chosen side's steady state
// (after the first fifth of the calls) with V8's sampling profiler, and
// prints busy CPU per RPC by category, then the functions whose self time
// differs most. The other side matches the variant.
//   node bench/grpc/profile.js [server|client] [calls=20000] [rounds=3] [server PluginOptions JSON]
// Run `npm run build` first.
const { fork } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { grpc, Echo, REQUEST, echoImpl } = require('./echo');
const { canPin, pin } = require('../lib/pin');

const IN_FLIGHT = 32;
const pinning = canPin();


function loadInstrumented(variant, views) {
  if (variant !== 'census') return undefined;
  const census = require('../lib/census').loadCensus();
  census.stats.registerView(...census[views[0]], ...census[views[1]]);
  return census;
}

// The profiler runs in the profiled process itself (node:inspector), started
// once the first fifth of the calls is done and stopped after the last, so
// start-up, module loading and warm-up stay out of the figures.
const SAMPLING_US = 100;
let profiler;

function startProfiler(onStarted) {
  const { Session } = require('node:inspector');
  profiler = new Session();
  profiler.connect();
  profiler.post('Profiler.enable', () =>
    profiler.post('Profiler.setSamplingInterval', { interval: SAMPLING_US }, () => profiler.post('Profiler.start', () => onStarted())),
  );
}

function stopProfiler(dir, done) {
  profiler.post('Profiler.stop', (err, { profile }) => {
    if (err) throw err;
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, `${process.pid}.cpuprofile`), JSON.stringify(profile));
    profiler.disconnect();
    done();
  });
}

function serve(variant, optionsJson) {
  const census = loadInstrumented(variant, ['DefaultServerViews', 'ExtraServerViews']);
  const server = census ? census.createServer({ census: JSON.parse(optionsJson || '{}') }) : new grpc.Server();
  const counter = { calls: 0 };
  server.addService(Echo.service, echoImpl(counter));
  server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (err, port) => process.send(err ? { error: err.message } : { port }));
  let callsAtStart = 0;
  process.on('message', (msg) => {
    if (msg.type === 'profile') return startProfiler(() => ((callsAtStart = counter.calls), process.send({ type: 'profiling' })));
    const reply = () => {
      process.send({ calls: counter.calls - callsAtStart });
      server.forceShutdown();
      setTimeout(() => process.exit(0), 50);
    };
    if (msg.dir) stopProfiler(msg.dir, reply);
    else reply();
  });
}

/** Makes `calls` calls, 32 in flight; after a fifth of them asks `onWarm` to start the profiler and counts from then on. */
function callServer(variant, port, calls, profileDir) {
  const census = loadInstrumented(variant, ['DefaultClientViews', 'ExtraClientViews']);
  const creds = grpc.credentials.createInsecure();
  const client = census ? new Echo(`127.0.0.1:${port}`, creds, census.clientOptions()) : new Echo(`127.0.0.1:${port}`, creds);
  const warm = Math.floor(calls / 5);
  let started = 0;
  let done = 0;
  let doneAtStart = -1;
  let paused = false;
  const finish = () => {
    client.close();
    const measured = done - doneAtStart;
    if (profileDir) stopProfiler(profileDir, () => process.send({ calls: measured }));
    else process.send({ calls: measured });
  };
  const next = () => {
    if (started === calls || paused) return;
    started++;
    client.Unary(REQUEST, (err) => {
      if (err) throw err;
      done++;
      if (done === warm) {
        // Drain, start the profiler (here or in the server), then go on.
        paused = true;
        return;
      }
      if (paused && done === started) return resume();
      if (done < calls) return next();
      finish();
    });
  };
  const resume = () => {
    const go = () => {
      doneAtStart = done;
      paused = false;
      for (let i = 0; i < IN_FLIGHT; i++) next();
    };
    if (profileDir) startProfiler(go);
    else {
      process.once('message', go);
      process.send({ type: 'warm' });
    }
  };
  for (let i = 0; i < IN_FLIGHT; i++) next();
}

const once = (child, event) => new Promise((resolve) => child.once(event, resolve));

/** One profiled run of `variant`; returns the calls the profiled side handled while profiled. */
async function run(side, variant, calls, dir, serverOptions) {
  const server = fork(__filename, ['--server', variant, serverOptions]);
  const { port, error } = await once(server, 'message');
  if (error) throw new Error(error);
  const client = fork(__filename, ['--client', variant, String(port), String(calls), side === 'client' ? dir : '']);
  if (pinning) {
    pin(client.pid, 0);
    pin(server.pid, 1);
  }
  const exited = once(client, 'exit').then((code) => Promise.reject(new Error(`client exited with ${code}`)));
  if (side === 'server') {
    await Promise.race([once(client, 'message'), exited]); // warm
    server.send({ type: 'profile' });
    await once(server, 'message');
    client.send('go');
  }
  const made = await Promise.race([once(client, 'message'), exited]);
  exited.catch(() => undefined);
  const clientExit = once(client, 'exit');
  client.disconnect();
  await clientExit;
  server.send({ dir: side === 'server' ? dir : undefined });
  const served = await once(server, 'message');
  await once(server, 'exit');
  return side === 'server' ? served.calls : made.calls;
}

function categoryOf(functionName, url) {
  if (functionName === '(garbage collector)') return 'gc';
  if (url.includes('async_hooks') || url.includes('async_context_frame')) return 'async_hooks / context frames';
  if (url.includes('grpc-census') || url.includes('/dist/')) return 'grpc-census';
  if (url.includes('grpc-js')) return 'grpc-js';
  if (url.includes('http2')) return 'node http2';
  return 'other node/V8';
}

/** Busy (non-idle) profile time in µs, by category and by function (self time). */
function tally(dir) {
  const cats = {};
  const fns = new Map();
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'))) {
    const profile = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
    const byId = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
    profile.samples.forEach((id, i) => {
      const { functionName, url, lineNumber } = byId.get(id);
      // Idle time, and the profiler's own work when it stops (inspector's post).
      if (functionName === '(idle)' || url === 'node:inspector') return;
      const dt = profile.timeDeltas[i];
      const cat = categoryOf(functionName, url);
      cats[cat] = (cats[cat] ?? 0) + dt;
      const fn = `${functionName || '(anonymous)'} ${url.replace(/^.*\/(node_modules|dist)\//, '$1/')}:${lineNumber + 1}`;
      fns.set(fn, (fns.get(fn) ?? 0) + dt);
    });
  }
  return { cats, fns };
}

const TOP_FUNCTIONS = 25;

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
  const { cats: bare, fns: bareFns } = tally(path.join(root, 'bare'));
  const { cats: census, fns: censusFns } = tally(path.join(root, 'census'));
  const names = [...new Set([...Object.keys(bare), ...Object.keys(census)])].sort();
  const perRpc = (cats, name, n) => (cats[name] ?? 0) / n;
  console.log(`${side}, ${rounds} × ${calls} unary calls per variant (profiled: the last ${calls - Math.floor(calls / 5)}, sampled every ${SAMPLING_US} µs${pinning ? ', pinned' : ''})${serverOptions === '{}' ? '' : `, server census options ${serverOptions}`}\n\n| category | bare µs/RPC | instrumented µs/RPC | difference |\n| --- | --- | --- | --- |`);
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
  const fnRows = [...new Set([...bareFns.keys(), ...censusFns.keys()])]
    .map((fn) => ({ fn, b: (bareFns.get(fn) ?? 0) / handled.bare, c: (censusFns.get(fn) ?? 0) / handled.census }))
    .sort((x, y) => Math.abs(y.c - y.b) - Math.abs(x.c - x.b))
    .slice(0, TOP_FUNCTIONS);
  console.log(`\nThe ${TOP_FUNCTIONS} functions whose self time per RPC differs most:\n\n| function | bare µs/RPC | instrumented µs/RPC | difference |\n| --- | --- | --- | --- |`);
  for (const { fn, b, c } of fnRows) console.log(`| \`${fn}\` | ${b.toFixed(2)} | ${c.toFixed(2)} | ${(c - b).toFixed(2)} |`);
  if (process.env.KEEP_PROFILES) console.log(`profiles kept in ${root}`);
  else fs.rmSync(root, { recursive: true, force: true });
}

const role = process.argv[2];
if (role === '--server') serve(process.argv[3], process.argv[4]);
else if (role === '--client') callServer(process.argv[3], Number(process.argv[4]), Number(process.argv[5]), process.argv[6]);
else main();
