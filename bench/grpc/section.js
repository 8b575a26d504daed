'use strict';
// Section 2: gRPC unary throughput and per-RPC plugin cost (issue 3). Each run
// forks one server process per variant and one client process (holding both
// clients), relays the client's slice marks to the servers, and pairs up the
// per-slice figures of both sides.
const path = require('node:path');
const { fork } = require('node:child_process');
const { loadCensus } = require('../lib/census');
const { median, range, fmt } = require('../lib/stats');
const { table, verdict } = require('../lib/report');
const { canPin, pin } = require('../lib/pin');

// Issue 13: instrumented / bare ≥ 0.97 on Node 24 (AsyncContextFrame), ≥ 0.93 before it.
const TARGET_RATIO = Number(process.versions.node.split('.')[0]) >= 24 ? 0.97 : 0.93;
// Issue 9: the A66 views cost at most 0.02 of throughput beside the OpenCensus ones.
const A66_TARGET_RATIO = 0.98;
// Issue 10: with the largest legal grpc-tags-bin, server CPU per RPC at most 2× bare.
const MAX_TAGS_CPU_RATIO = 2;
const ORDER = ['bare', 'census', 'census', 'bare'];
// Warm-up until each client has made this many calls (and at least
// `warmSlices` slices have run): V8 keeps compiling a client's and a
// server's hot code for the first ~20,000–25,000 calls (`node --trace-opt`:
// over 1,000 compilations in the first 5,000 calls, under 50 per 5,000 after
// 25,000), on the same pinned CPU, and the instrumented side has more to
// compile. Measured slices start at steady state.
const WARM_CALLS = 30000;
const QUICK_WARM_CALLS = 10000;

const STDIO = ['ignore', 'inherit', 'inherit', 'ipc'];

/**
 * One run: a server process and a client process per variant, each variant's
 * pair alone in its processes. The parent drives the slices (A B B A …): it
 * marks the next variant on both servers, waits for both, then has that
 * variant's client run one slice. Resolves with the client samples and the
 * servers' windows in slice order.
 */
function oneRun({ slices, sliceMs, warmSlices, warmCalls, mode, altDist, pinned, serverCensus }) {
  return new Promise((resolve, reject) => {
    const variants = ['bare', 'census'];
    const procs = [];
    // The warm-up's length depends on the machine's speed: the timer allows for one of 200 slices.
    const timer = setTimeout(() => fail(new Error('gRPC run timed out')), 60000 + (slices + 200) * sliceMs * 3);
    let failed = false;
    function fail(err) {
      if (failed) return;
      failed = true;
      clearTimeout(timer);
      for (const p of procs) p.kill();
      reject(err);
    }
    /** Forks `script`, pinned to `cpu`; `next()` resolves with its next message of `type`. */
    const child = (script, args, cpu) => {
      const p = fork(path.join(__dirname, script), args.map(String), { stdio: STDIO });
      procs.push(p);
      if (pinned) pin(p.pid, cpu);
      const waiting = [];
      p.on('error', fail);
      p.on('message', (m) => {
        const i = waiting.findIndex((w) => w.type === m.type);
        if (i >= 0) waiting.splice(i, 1)[0].resolve(m);
      });
      p.on('exit', (code) => code !== 0 && code !== null && fail(new Error(`gRPC ${script} exited with ${code}`)));
      p.next = (type) => new Promise((res) => waiting.push({ type, resolve: res }));
      return p;
    };
    (async () => {
      // Clients on CPU 0, servers on CPU 1 (only one variant's pair is busy at a time).
      const servers = {};
      const ports = {};
      for (const v of variants) {
        servers[v] = child('server.js', [v, mode, altDist ?? '', serverCensus ?? '{}'], 1);
        ports[v] = (await servers[v].next('port')).port;
      }
      const clients = {};
      for (const v of variants) {
        clients[v] = child('client.js', [v, ports[v], sliceMs, mode, altDist ?? ''], 0);
        await clients[v].next('ready');
      }
      const mark = async (next, warm) => {
        const acks = variants.map((v) => servers[v].next('marked'));
        for (const v of variants) servers[v].send({ type: 'mark', next, warm });
        await Promise.all(acks);
      };
      const samples = [];
      const warmMade = { bare: 0, census: 0 };
      let warmed = 0;
      const warming = () => warmed < warmSlices || warmed % ORDER.length !== 0 || Math.min(warmMade.bare, warmMade.census) < warmCalls;
      for (let k = 0; ; k++) {
        const warm = warming();
        if (!warm && samples.length === slices) break;
        const variant = ORDER[k % ORDER.length];
        await mark(variant, warm);
        const done = clients[variant].next('sample');
        clients[variant].send({ type: 'slice' });
        const { sample } = await done;
        if (warm) {
          warmMade[variant] += sample.calls;
          warmed++;
        } else samples.push(sample);
      }
      await mark(null, true);
      const checks = {};
      for (const v of variants) {
        const result = clients[v].next('result');
        clients[v].send({ type: 'finish' });
        checks[v] = (await result).check;
      }
      const results = {};
      for (const v of variants) {
        const result = servers[v].next('result');
        servers[v].send({ type: 'finish' });
        results[v] = await result;
      }
      clearTimeout(timer);
      resolve({ client: { samples, check: checks.census }, server: mergeServers(samples, results.bare, results.census), warmup: { slices: warmed } });
    })().catch(fail);
  });
}

/** The two servers' windows in the client's slice order, and the instrumented server's check. */
function mergeServers(samples, bare, census) {
  const queues = { bare: [...bare.windows], census: [...census.windows] };
  return { windows: samples.map((s) => queues[s.variant].shift()), check: census.check };
}

/**
 * Per-run figures. Slices come in A B B A order, so slices 2i and 2i+1 are one
 * bare and one instrumented slice run back to back: each figure is the median
 * over those pairs, which a stalled slice (a noisy neighbour) cannot drag.
 */
function analyseRun({ client, server }) {
  const pairs = [];
  for (let i = 0; i + 1 < client.samples.length; i += 2) {
    const [c0, c1] = [client.samples[i], client.samples[i + 1]];
    const [s0, s1] = [server.windows[i], server.windows[i + 1]];
    const [cb, cc] = c0.variant === 'bare' ? [c0, c1] : [c1, c0];
    const [sb, sc] = s0.variant === 'bare' ? [s0, s1] : [s1, s0];
    if (cb.variant !== 'bare' || cc.variant !== 'census' || sb.variant !== 'bare' || sc.variant !== 'census') throw new Error('slice order mismatch');
    pairs.push({
      bareRate: cb.calls / cb.seconds,
      censusRate: cc.calls / cc.seconds,
      clientCpu: { bare: cb.cpuUs / cb.calls, census: cc.cpuUs / cc.calls },
      clientAlloc: { bare: cb.allocBytes / cb.calls, census: cc.allocBytes / cc.calls },
      serverCpu: { bare: sb.cpuUs / sb.calls, census: sc.cpuUs / sc.calls },
      serverAlloc: { bare: sb.allocBytes / sb.calls, census: sc.allocBytes / sc.calls },
      clientGc: { bare: cb.gcUs / cb.calls, census: cc.gcUs / cc.calls },
      serverGc: { bare: sb.gcUs / sb.calls, census: sc.gcUs / sc.calls },
      serverCpuRatio: (sc.cpuUs / sc.calls) / (sb.cpuUs / sb.calls),
    });
  }
  const m = (f) => median(pairs.map(f));
  const both = (k) => ({ bare: m((p) => p[k].bare), census: m((p) => p[k].census), diff: m((p) => p[k].census - p[k].bare) });
  return {
    bareRate: m((p) => p.bareRate),
    censusRate: m((p) => p.censusRate),
    ratio: m((p) => p.censusRate / p.bareRate),
    clientCpu: both('clientCpu'),
    clientAlloc: both('clientAlloc'),
    serverCpu: both('serverCpu'),
    serverAlloc: both('serverAlloc'),
    clientGc: both('clientGc'),
    serverGc: both('serverGc'),
    serverCpuRatio: m((p) => p.serverCpuRatio),
    checks: { client: client.check, server: server.check },
  };
}

const TITLES = {
  census: '2. gRPC unary throughput',
  als: '2b. gRPC: process-wide cost of AsyncLocalStorage on the server (both sides bare)',
  aa: '2c. gRPC: A/A calibration (both sides bare)',
  noop: '2d. gRPC: grpc-js\'s own server interceptor machinery (one no-op server interceptor; client bare)',
  vs: '2e. gRPC: this build against the --compare-dist build (both instrumented)',
  trailer: '2g. gRPC: the server-latency trailer alone (a bare server answering with grpc-server-stats-bin; client bare)',
  'census-als': '2f. gRPC: servers that already run an AsyncLocalStorage (tracing, request-scoped logging): bare vs instrumented',
  a66: '2i. gRPC: the gRFC A66 views on top of the OpenCensus views (both sides instrumented by this build)',
  tags: '2j. gRPC: a 4096-tag grpc-tags-bin on every call (bare clients; bare vs instrumented server)',
  'client-only': '2k. gRPC: the client side alone (bare servers; bare vs instrumented client)',
  'server-only': '2l. gRPC: the server side alone (bare clients; bare vs instrumented server)',
  layers: '2m. gRPC: layers that only forward (a server interceptor and a client channel wrapper, measuring nothing)',
  'client-layers': '2n. gRPC: a client channel wrapper that only forwards (bare servers; bare vs forwarding client)',
  'client-no-views': '2o. gRPC: the client plugin with no view registered (bare servers; bare vs instrumented client recording nothing)',
  'server-layers': '2p. gRPC: a server interceptor that only forwards (bare clients; bare vs forwarding server)',
  'server-no-views': '2q. gRPC: the server plugin with no view registered (bare clients; bare vs instrumented server recording nothing)',
};

/**
 * `mode`: census (bare vs instrumented), als (bare vs bare with an
 * AsyncLocalStorage enabled in the server), aa (bare vs bare), noop (bare vs
 * a server with one no-op interceptor), census-als (bare vs instrumented,
 * both servers already running an AsyncLocalStorage), trailer (bare vs a
 * bare server sending the server-stats trailer), vs (the
 * `--compare-dist` build vs this one, both instrumented), layers (bare vs
 * both sides with a layer that only forwards), client-only / client-layers /
 * client-no-views (bare servers; the `census` client instrumented, only
 * forwarding, or instrumented with no view: the client's cost taken apart),
 * server-only / server-layers / server-no-views (the same for the server,
 * with bare clients).
 */
async function grpcSection({ procs, quick, compareDist, pin: wantPin = true, serverCensus }, mode = 'census') {
  if (mode === 'vs' && !compareDist) throw new Error('grpc-vs needs --compare-dist DIR (the build to compare against)');
  const census = loadCensus();
  if (typeof census.clientOptions !== 'function' || typeof census.createServer !== 'function') {
    return { title: TITLES[mode], parts: ['Skipped: this build has no `clientOptions`/`createServer` (src/grpc not built).'] };
  }
  const altDist = compareDist && path.resolve(compareDist);
  const pinned = wantPin && canPin();
  const settings = { mode, altDist, pinned, serverCensus, ...(quick ? { slices: 8, sliceMs: 300, warmSlices: 4, warmCalls: QUICK_WARM_CALLS } : { slices: 24, sliceMs: 500, warmSlices: 6, warmCalls: WARM_CALLS }) };
  const runs = [];
  for (let i = 0; i < procs; i++) {
    process.stderr.write(`  grpc ${mode}: run ${i + 1}/${procs}\r`);
    runs.push(await oneRun(settings));
  }
  process.stderr.write(`  grpc ${mode}: ${procs} runs done${' '.repeat(20)}\n`);

  const per = runs.map(analyseRun);
  const m = (f) => median(per.map(f));
  const spread = (f) => range(per.map(f)).map((x) => fmt(x)).join('–');
  const ratio = m((p) => p.ratio);
  // B is the second variant: instrumented, or bare with an AsyncLocalStorage enabled, or plain bare again.
  const B = { census: 'instrumented', als: 'bare + ALS enabled on server', aa: 'bare (second pair)', noop: 'no-op server interceptor', vs: 'this build', 'census-als': 'instrumented', trailer: 'bare + stats trailer', a66: 'OpenCensus + A66 views', tags: 'instrumented server', 'client-only': 'bare, its client instrumented', 'server-only': 'instrumented; its client bare', layers: 'forwarding layers on both sides', 'client-layers': 'bare, its client forwarding', 'client-no-views': 'bare, its client instrumented, no view', 'server-layers': 'forwarding; its client bare', 'server-no-views': 'instrumented, no view; its client bare' }[mode];
  // In vs mode the first variant (the `bare` slot) is the --compare-dist build, instrumented.
  // In a66 mode it is this build with the OpenCensus views alone.
  const a = mode === 'vs' ? 'compare-dist build' : mode === 'a66' ? 'OpenCensus views' : 'bare';
  const target =
    mode === 'census' || mode === 'census-als' ? `≥ ${TARGET_RATIO}: ${verdict(ratio >= TARGET_RATIO)}` : mode === 'a66' ? `≥ ${A66_TARGET_RATIO}: ${verdict(ratio >= A66_TARGET_RATIO)}` : '';
  const rows = [
    [`throughput, ${mode === 'vs' || mode === 'a66' ? a : 'bare grpc-js'} (calls/s)`, fmt(m((p) => p.bareRate)), spread((p) => p.bareRate), ''],
    [`throughput, ${B} (calls/s)`, fmt(m((p) => p.censusRate)), spread((p) => p.censusRate), ''],
    [`**${B} / ${a}**`, ratio.toFixed(3), spread((p) => p.ratio), target],
  ];
  const costs = [
    ['client CPU', 'µs', 'clientCpu'],
    ['server CPU', 'µs', 'serverCpu'],
    ['client heap allocation', 'bytes', 'clientAlloc'],
    ['server heap allocation', 'bytes', 'serverAlloc'],
    ['client GC time', 'µs', 'clientGc'],
    ['server GC time', 'µs', 'serverGc'],
  ];
  for (const [what, unit, k] of costs) {
    rows.push([`${what} per call, ${a} (${unit})`, fmt(m((p) => p[k].bare)), spread((p) => p[k].bare), '']);
    rows.push([`${what} per call, ${B} (${unit})`, fmt(m((p) => p[k].census)), spread((p) => p[k].census), '']);
    const diffLabel = mode === 'census' || mode === 'census-als' ? `**plugin ${what} per RPC (${unit})**` : `**difference: ${what} per RPC (${unit})**`;
    rows.push([diffLabel, fmt(m((p) => p[k].diff)), spread((p) => p[k].diff), '']);
  }
  if (mode === 'tags') {
    // Issue 10 item 3: such a header may cost the instrumented server at most 2× a bare server's CPU per RPC.
    const r = m((p) => p.serverCpuRatio);
    rows.push([`**server CPU per RPC, ${B} / ${a}**`, r.toFixed(2), spread((p) => p.serverCpuRatio), `≤ ${MAX_TAGS_CPU_RATIO}: ${verdict(r <= MAX_TAGS_CPU_RATIO)}`]);
  }
  const bad = per.filter((p) => p.checks.client.recorded !== p.checks.client.made || p.checks.server.recorded !== p.checks.server.served);
  const checkLine = bad.length
    ? `**Check failed**: the plugin's completed_rpcs did not match the calls made in ${bad.length} run(s): ${JSON.stringify(bad.map((p) => p.checks))}`
    : mode === 'census' || mode === 'census-als' || mode === 'vs' || mode === 'a66' || mode === 'tags' || mode === 'client-only' || mode === 'server-only'
      ? `Check: in every run the instrumented client's and server's completed_rpcs equal the calls each made/served (${per.map((p) => p.checks.client.made).join(', ')} calls).`
      : '';
  const how =
    `${procs} runs, each with fresh processes: a ${a} server, a second server (${B}${serverCensus ? `, \`createServer({ census: ${serverCensus} })\`` : ''})${mode === 'census-als' ? ', both running an AsyncLocalStorage of their own from the start' : ''}, and a client process per server, each client alone in its process as each server is${pinned ? ' (pinned with taskset: clients on CPU 0, servers on CPU 1)' : ' (not pinned: the OS places them)'}; 32 unary calls in flight on 127.0.0.1, ${settings.slices} slices of ${settings.sliceMs} ms ` +
    `alternating ${a}/${B} (A B B A …) after a warm-up of at least ${settings.warmSlices} slices that lasts until each client has made ${settings.warmCalls.toLocaleString('en-US')} calls (${range(runs.map((r) => r.warmup.slices)).join('–')} slices), so that V8 has compiled both sides' hot code; each slice drains its calls before the next starts. ` +
    `Per run, each figure is the median over adjacent (${a}, ${B}) slice pairs; the table shows the median and range of those per-run figures.`;
  const title = TITLES[mode];
  return { title, parts: [how, table(['figure', 'median of runs', 'range of runs', 'target'], rows), ...(checkLine ? [checkLine] : [])], raw: runs };
}

module.exports = {
  grpcSection: (opts) => grpcSection(opts, 'census'),
  grpcAlsSection: (opts) => grpcSection(opts, 'als'),
  grpcAaSection: (opts) => grpcSection(opts, 'aa'),
  grpcNoopSection: (opts) => grpcSection(opts, 'noop'),
  grpcLayersSection: (opts) => grpcSection(opts, 'layers'),
  grpcVsSection: (opts) => grpcSection(opts, 'vs'),
  grpcWithAlsSection: (opts) => grpcSection(opts, 'census-als'),
  grpcA66Section: (opts) => grpcSection(opts, 'a66'),
  grpcTagsSection: (opts) => grpcSection(opts, 'tags'),
  grpcClientOnlySection: (opts) => grpcSection(opts, 'client-only'),
  grpcServerOnlySection: (opts) => grpcSection(opts, 'server-only'),
  grpcClientLayersSection: (opts) => grpcSection(opts, 'client-layers'),
  grpcClientNoViewsSection: (opts) => grpcSection(opts, 'client-no-views'),
  grpcServerLayersSection: (opts) => grpcSection(opts, 'server-layers'),
  grpcServerNoViewsSection: (opts) => grpcSection(opts, 'server-no-views'),
  grpcTrailerSection: (opts) => grpcSection(opts, 'trailer'),
};
