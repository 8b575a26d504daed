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

const TARGET_RATIO = 0.97;

const STDIO = ['ignore', 'inherit', 'inherit', 'ipc'];

/**
 * One run: a server process per variant and one client process; the client's
 * slice marks go to both servers, and the client continues once both have
 * acknowledged. Resolves with the client's result and the servers' windows
 * merged in slice order.
 */
function oneRun({ slices, sliceMs, warmSlices, mode, altDist, pinned, serverCensus }) {
  return new Promise((resolve, reject) => {
    const variants = ['bare', 'census'];
    const servers = Object.fromEntries(variants.map((v) => [v, fork(path.join(__dirname, 'server.js'), [v, mode, altDist ?? '', serverCensus ?? '{}'], { stdio: STDIO })]));
    // Client on CPU 0, both servers on CPU 1 (only one of them is called at a time).
    if (pinned) for (const server of Object.values(servers)) pin(server.pid, 1);
    const ports = {};
    const results = {};
    let client;
    let acks = 0;
    let exited = 0;
    let failed = false;
    const all = () => [...Object.values(servers), client].filter(Boolean);
    const fail = (err) => {
      if (failed) return;
      failed = true;
      for (const p of all()) p.kill();
      reject(err);
    };
    const timer = setTimeout(() => fail(new Error('gRPC run timed out')), 60000 + (slices + warmSlices) * sliceMs * 3);
    const startClient = () => {
      client = fork(path.join(__dirname, 'client.js'), [JSON.stringify(ports), slices, sliceMs, warmSlices, mode, altDist ?? ''].map(String), { stdio: STDIO });
      if (pinned) pin(client.pid, 0);
      client.on('error', fail);
      client.on('exit', (code) => code !== 0 && fail(new Error(`gRPC client exited with ${code}`)));
      client.on('message', (m) => {
        if (m.type === 'mark') {
          acks = 0;
          for (const s of Object.values(servers)) s.send(m);
        } else if (m.type === 'result') {
          results.client = m;
          for (const s of Object.values(servers)) s.send({ type: 'finish' });
        }
      });
    };
    for (const [v, server] of Object.entries(servers)) {
      server.on('error', fail);
      server.on('message', (msg) => {
        if (msg.type === 'port') {
          ports[v] = msg.port;
          if (Object.keys(ports).length === variants.length) startClient();
        } else if (msg.type === 'marked') {
          if (++acks === variants.length) client.send(msg);
        } else if (msg.type === 'result') results[v] = msg;
      });
      server.on('exit', (code) => {
        if (!results[v]) return fail(new Error(`gRPC ${v} server exited with ${code} before reporting`));
        if (++exited < variants.length) return;
        clearTimeout(timer);
        resolve({ client: results.client, server: mergeServers(results.client.samples, results.bare, results.census) });
      });
    }
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
};

/**
 * `mode`: census (bare vs instrumented), als (bare vs bare with an
 * AsyncLocalStorage enabled in the server), aa (bare vs bare), noop (bare vs
 * a server with one no-op interceptor), census-als (bare vs instrumented,
 * both servers already running an AsyncLocalStorage), trailer (bare vs a
 * bare server sending the server-stats trailer), vs (the
 * `--compare-dist` build vs this one, both instrumented).
 */
async function grpcSection({ procs, quick, compareDist, pin: wantPin = true, serverCensus }, mode = 'census') {
  if (mode === 'vs' && !compareDist) throw new Error('grpc-vs needs --compare-dist DIR (the build to compare against)');
  const census = loadCensus();
  if (typeof census.clientOptions !== 'function' || typeof census.createServer !== 'function') {
    return { title: TITLES[mode], parts: ['Skipped: this build has no `clientOptions`/`createServer` (src/grpc not built).'] };
  }
  const altDist = compareDist && path.resolve(compareDist);
  const pinned = wantPin && canPin();
  const settings = { mode, altDist, pinned, serverCensus, ...(quick ? { slices: 8, sliceMs: 300, warmSlices: 4 } : { slices: 24, sliceMs: 500, warmSlices: 6 }) };
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
  const B = { census: 'instrumented', als: 'bare + ALS enabled on server', aa: 'bare (second pair)', noop: 'no-op server interceptor', vs: 'this build', 'census-als': 'instrumented', trailer: 'bare + stats trailer' }[mode];
  // In vs mode the first variant (the `bare` slot) is the --compare-dist build, instrumented.
  const a = mode === 'vs' ? 'compare-dist build' : 'bare';
  const target = mode === 'census' || mode === 'census-als' ? `≥ ${TARGET_RATIO}: ${verdict(ratio >= TARGET_RATIO)}` : '';
  const rows = [
    [`throughput, ${mode === 'vs' ? a : 'bare grpc-js'} (calls/s)`, fmt(m((p) => p.bareRate)), spread((p) => p.bareRate), ''],
    [`throughput, ${B} (calls/s)`, fmt(m((p) => p.censusRate)), spread((p) => p.censusRate), ''],
    [`**${B} / ${a}**`, ratio.toFixed(3), spread((p) => p.ratio), target],
  ];
  const costs = [
    ['client CPU', 'µs', 'clientCpu'],
    ['server CPU', 'µs', 'serverCpu'],
    ['client heap allocation', 'bytes', 'clientAlloc'],
    ['server heap allocation', 'bytes', 'serverAlloc'],
  ];
  for (const [what, unit, k] of costs) {
    rows.push([`${what} per call, ${a} (${unit})`, fmt(m((p) => p[k].bare)), spread((p) => p[k].bare), '']);
    rows.push([`${what} per call, ${B} (${unit})`, fmt(m((p) => p[k].census)), spread((p) => p[k].census), '']);
    const diffLabel = mode === 'census' || mode === 'census-als' ? `**plugin ${what} per RPC (${unit})**` : `**difference: ${what} per RPC (${unit})**`;
    rows.push([diffLabel, fmt(m((p) => p[k].diff)), spread((p) => p[k].diff), '']);
  }
  const bad = per.filter((p) => p.checks.client.recorded !== p.checks.client.made || p.checks.server.recorded !== p.checks.server.served);
  const checkLine = bad.length
    ? `**Check failed**: the plugin's completed_rpcs did not match the calls made in ${bad.length} run(s): ${JSON.stringify(bad.map((p) => p.checks))}`
    : mode === 'census' || mode === 'census-als' || mode === 'vs'
      ? `Check: in every run the instrumented client's and server's completed_rpcs equal the calls each made/served (${per.map((p) => p.checks.client.made).join(', ')} calls).`
      : '';
  const how =
    `${procs} runs, each with fresh processes: a ${a} server, a second server (${B}${serverCensus ? `, \`createServer({ census: ${serverCensus} })\`` : ''})${mode === 'census-als' ? ', both running an AsyncLocalStorage of their own from the start' : ''}, and a client process holding both clients${pinned ? ' (pinned with taskset: client on CPU 0, servers on CPU 1)' : ' (not pinned: the OS places them)'}; 32 unary calls in flight on 127.0.0.1, ${settings.slices} slices of ${settings.sliceMs} ms ` +
    `alternating ${a}/${B} (A B B A …) after ${settings.warmSlices} warm-up slices; each slice drains its calls before the next starts. ` +
    `Per run, each figure is the median over adjacent (${a}, ${B}) slice pairs; the table shows the median and range of those per-run figures.`;
  const title = TITLES[mode];
  return { title, parts: [how, table(['figure', 'median of runs', 'range of runs', 'target'], rows), ...(checkLine ? [checkLine] : [])], raw: runs };
}

module.exports = {
  grpcSection: (opts) => grpcSection(opts, 'census'),
  grpcAlsSection: (opts) => grpcSection(opts, 'als'),
  grpcAaSection: (opts) => grpcSection(opts, 'aa'),
  grpcNoopSection: (opts) => grpcSection(opts, 'noop'),
  grpcVsSection: (opts) => grpcSection(opts, 'vs'),
  grpcWithAlsSection: (opts) => grpcSection(opts, 'census-als'),
  grpcTrailerSection: (opts) => grpcSection(opts, 'trailer'),
};
