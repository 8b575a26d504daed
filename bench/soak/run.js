'use strict';
// npm run soak [-- --rpcs N] : a bounded loopback soak. An instrumented server
// and an instrumented client (all 15 gRPC views each) run in two child
// processes with --expose-gc. The client makes N unary RPCs and, after every
// 100th, one streaming RPC (server-streaming, bidi, client-streaming in turn),
// 32 in flight. After a warm-up (10% of the RPCs) both heaps are sampled
// after forced GCs at regular points. At the end it checks that both sides'
// views hold exactly the RPCs, messages and bytes of the plan, and that
// neither heap grew. Exit code 1 when a check fails.
const { fork } = require('node:child_process');
const path = require('node:path');
const { isDeepStrictEqual } = require('node:util');
const { growth, slope } = require('./heap');
const { mustBe } = require('./totals');

const options = parseArgs(process.argv.slice(2), {
  rpcs: 1_000_000, // unary RPCs; streaming ones come on top
  'stream-every': 100,
  inflight: 32,
  samples: 20, // heap samples after the warm-up
  'heap-limit-mb': 4, // most heap growth allowed per process after the warm-up
});

function parseArgs(argv, defaults) {
  const out = { ...defaults };
  for (let i = 0; i < argv.length; i += 2) {
    const name = argv[i].replace(/^--/, '');
    const value = Number(argv[i + 1]);
    if (!(name in defaults) || !(value > 0)) throw new Error(`usage: run.js [--${Object.keys(defaults).join(' N] [--')} N]; got ${argv[i]} ${argv[i + 1]}`);
    out[name] = value;
  }
  return out;
}

const children = [];

/** Forks a child with --expose-gc; it is killed if we fail, and after `timeoutMs` at the latest. */
function child(file, args, timeoutMs) {
  const proc = fork(path.join(__dirname, file), args.map(String), { execArgv: ['--expose-gc'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const timer = setTimeout(() => {
    console.error(`soak: ${file} still running after ${timeoutMs / 1000} s; killing it`);
    proc.kill('SIGKILL');
  }, timeoutMs);
  proc.on('exit', () => clearTimeout(timer));
  proc.exited = new Promise((resolve) => proc.on('exit', (code, signal) => resolve(signal ?? code)));
  children.push(proc);
  return proc;
}

function nextMessage(proc, type) {
  return new Promise((resolve, reject) => {
    const onMessage = (msg) => {
      if (msg.type !== type) return;
      proc.off('message', onMessage);
      proc.off('exit', onExit);
      resolve(msg);
    };
    const onExit = (code) => reject(new Error(`child exited (${code}) before sending '${type}'`));
    proc.on('message', onMessage);
    proc.on('exit', onExit);
  });
}

const mb = (bytes) => `${(bytes / 2 ** 20).toFixed(2)} MiB`;

async function main() {
  const unary = options.rpcs;
  const total = unary + Math.floor(unary / options['stream-every']);
  const warmup = Math.max(1, Math.floor(total / 10));
  const sampleEvery = Math.max(1, Math.ceil((total - warmup) / options.samples));
  // Generous: loopback gRPC does thousands of RPCs per second even on a slow machine.
  const timeoutMs = 120_000 + total * 2;
  const command = `npm run soak -- --rpcs ${unary}`;
  console.log(`soak: ${command}: ${unary} unary + ${total - unary} streaming RPCs, ${options.inflight} in flight, warm-up ${warmup} RPCs, heap sampled every ${sampleEvery}`);

  const server = child('server.js', [], timeoutMs);
  const { port } = await nextMessage(server, 'ready');
  const client = child('client.js', [port, unary, options['stream-every'], options.inflight, warmup, sampleEvery], timeoutMs);
  const samples = [];
  client.on('message', async (msg) => {
    if (msg.type !== 'sample') return;
    server.send({ type: 'heap' });
    const { heapUsed } = await nextMessage(server, 'heap');
    const last = samples[samples.length - 1];
    if (last === undefined || last.rpcs !== msg.rpcs) samples.push({ rpcs: msg.rpcs, client: msg.heapUsed, server: heapUsed });
    if (process.stderr.isTTY) process.stderr.write(`  ${msg.rpcs}/${total} RPCs\r`);
    client.send({ type: 'continue' });
  });
  const done = await nextMessage(client, 'done');
  server.send({ type: 'totals', calls: done.calls });
  const fromServer = await nextMessage(server, 'totals');
  client.send({ type: 'exit' });
  server.send({ type: 'exit' });
  const exits = await Promise.all([client.exited, server.exited]);

  const checks = [];
  const check = (name, ok, detail) => checks.push({ name, ok, detail });
  check('every RPC OK with the planned responses', done.failures.length === 0, done.failures.join('; '));
  check(`client views exact (${done.calls} RPCs)`, isDeepStrictEqual(done.totals, mustBe(done.expected, 'client')), diff(done.totals, mustBe(done.expected, 'client')));
  check(`server views exact (${done.calls} RPCs)`, isDeepStrictEqual(fromServer.totals, mustBe(done.expected, 'server')), diff(fromServer.totals, mustBe(done.expected, 'server')));
  check('nothing dropped, malformed or failed (diagnostics empty on both sides)', Object.keys(done.diagnostics).length + Object.keys(fromServer.diagnostics).length === 0, JSON.stringify({ client: done.diagnostics, server: fromServer.diagnostics }));
  check('both children exited by themselves', exits.every((e) => e === 0), `exit: client ${exits[0]}, server ${exits[1]}`);

  const afterWarmup = samples.filter((s) => s.rpcs >= warmup);
  const heap = {};
  for (const side of ['client', 'server']) {
    const points = afterWarmup.map((s) => ({ rpcs: s.rpcs, heapUsed: s[side] }));
    const g = growth(points);
    heap[side] = { atStart: samples[0][side], afterWarmup: points[0].heapUsed, atEnd: points[points.length - 1].heapUsed, growth: g.delta, bytesPerRpc: slope(points) };
    check(`${side} heap flat after warm-up (growth ≤ ${options['heap-limit-mb']} MiB)`, g.delta <= options['heap-limit-mb'] * 2 ** 20, `${mb(g.first)} → ${mb(g.last)}`);
  }

  console.log(`duration: ${(done.durationMs / 1000).toFixed(1)} s (${Math.round(done.calls / (done.durationMs / 1000))} RPCs/s, sample pauses included)`);
  console.log('totals per method (client views = server views = plan):');
  for (const [method, e] of Object.entries(done.expected)) {
    console.log(`  ${method}: ${e.calls} RPCs OK, ${e.requestMessages} request / ${e.responseMessages} response messages, ${e.requestBytes} / ${e.responseBytes} bytes`);
  }
  console.log('heap used after forced GC (start → after warm-up → end; growth = median of last 3 − median of first 3 post-warm-up samples; slope by least squares):');
  for (const [side, h] of Object.entries(heap)) {
    console.log(`  ${side}: ${mb(h.atStart)} → ${mb(h.afterWarmup)} → ${mb(h.atEnd)}; growth ${(h.growth / 1024).toFixed(0)} KiB; slope ${(h.bytesPerRpc * 1000).toFixed(1)} bytes per 1000 RPCs`);
  }
  console.log(`samples (RPCs: client / server MiB): ${samples.map((s) => `${s.rpcs}: ${(s.client / 2 ** 20).toFixed(2)}/${(s.server / 2 ** 20).toFixed(2)}`).join(', ')}`);
  for (const c of checks) console.log(`${c.ok ? 'PASS' : 'FAIL'} ${c.name}${c.ok ? '' : `: ${c.detail}`}`);
  if (checks.some((c) => !c.ok)) process.exitCode = 1;
}

/** The methods whose totals differ, both sides shown. */
function diff(actual, expected) {
  const out = [];
  for (const m of new Set([...Object.keys(actual), ...Object.keys(expected)])) {
    if (!isDeepStrictEqual(actual[m], expected[m])) out.push(`${m}: views ${JSON.stringify(actual[m])} plan ${JSON.stringify(expected[m])}`);
  }
  return out.join('; ');
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
  for (const proc of children) if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL');
});
