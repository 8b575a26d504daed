'use strict';
// Child process of the gRPC section: ONE server on 127.0.0.1, bare grpc-js
// or instrumented (createServer, all server views). The section runs two of
// these, one per variant, so nothing the plugin does to its process (such as
// enabling AsyncLocalStorage hooks, which then stay on for every async
// resource) can leak into the bare side. The parent relays slice marks from
// the client (which drains its calls first); this process records CPU time,
// allocations and calls for the slices of its own variant.
const { AsyncLocalStorage } = require('node:async_hooks');
const { loadCensus } = require('../lib/census');
const { viewsFor, forwards } = require('./variants');
const { AllocMeter } = require('../lib/alloc-meter');
const { grpc, Echo, echoImpl } = require('./echo');
const { forwardingServer } = require('./layers');

// argv: the variant this process serves (bare | census), and the section mode:
// - census: the census variant is createServer() with all server views;
// - als: the census variant is a bare server in a process where an
//   AsyncLocalStorage is enabled (what the plugin's withTags does), so the
//   ratio is the process-wide cost of AsyncLocalStorage alone;
// - aa (A/A calibration): both bare, so the ratio is the harness's own bias;
// - noop: the census variant is a bare server with one no-op interceptor
//   (grpc-js's own ServerInterceptingCall), so the ratio is the cost of
//   grpc-js's interceptor machinery alone, which any server plugin pays;
// - trailer: the census variant is a bare server whose handler adds a
//   10-byte grpc-server-stats-bin trailer to every response, so the ratio is
//   the price of that trailer alone (REFERENCE decision 5), on both sides;
// - census-als: as census, but both servers already run an AsyncLocalStorage
//   of their own (as servers with tracing or request-scoped logging do), so
//   the ratio is what the plugin adds to such a server;
// - vs: both instrumented, the `bare` slot with another build (argv[4], the
//   --compare-dist directory), so the ratio is this build against that one;
// - a66: both instrumented by this build, the `bare` slot with the OpenCensus
//   views alone, the `census` slot with the gRFC A66 views too, so the ratio
//   is what registering the A66 views adds;
// - layers: the census variant is a bare server with a server interceptor
//   that only forwards (layers.js), its client likewise, so the ratio is what
//   being a layer costs before measuring anything;
// - server-layers: as layers, but its client is bare;
// - client-only, client-layers, client-no-views: this server is bare;
// - server-only, server-no-views: the census variant is createServer() with
//   all server views, or with none (so it measures and records nothing).
const [variant, mode, altDist, serverCensusJson] = process.argv.slice(2);
// PluginOptions for this build's instrumented server (run.js --server-census).
const serverCensus = JSON.parse(serverCensusJson || '{}');
// a66: the `bare` slot is instrumented with the OpenCensus views alone, the `census` slot with the A66 views too.
const { census, views } = viewsFor('server', variant, mode, altDist);
const instrumented = census !== undefined;
if (instrumented) census.stats.registerView(...views);
// Its hooks stay enabled for every async resource of the process from then on.
if ((variant === 'census' && mode === 'als') || mode === 'census-als') new AsyncLocalStorage().run(true, () => {});

const counter = { calls: 0 };
const noop = (_method, call) => new grpc.ServerInterceptingCall(call);
const server = instrumented
  ? census.createServer({ census: variant === 'census' ? serverCensus : {} })
  : variant === 'census' && mode === 'noop'
    ? new grpc.Server({ interceptors: [noop] })
    : forwards('server', variant, mode)
      ? forwardingServer()
      : new grpc.Server();
/** One entry per measured slice of this variant, in order. */
const windows = [];
let window; // { warm, cpu, calls, alloc } while a slice of this variant runs

function closeWindow() {
  if (window === undefined) return;
  const cpu = process.cpuUsage(window.cpu);
  const allocBytes = window.alloc.stop();
  if (!window.warm) windows.push({ variant, cpuUs: cpu.user + cpu.system, calls: counter.calls - window.calls, allocBytes, gcUs: window.alloc.gcUs });
  window = undefined;
}

function openWindow(warm) {
  const alloc = new AllocMeter();
  alloc.start();
  window = { warm, cpu: process.cpuUsage(), calls: counter.calls, alloc };
}

/** Proof the instrumented server recorded every call it served. */
function check() {
  // Bare, or no view registered (server-no-views): nothing recorded to compare.
  if (!instrumented || views.length === 0) return { served: counter.calls, recorded: counter.calls };
  const rows = census.stats.retrieveData(census.ServerCompletedRPCsView);
  return { served: counter.calls, recorded: rows.reduce((s, r) => s + r.data.value, 0) };
}

process.on('message', (msg) => {
  if (msg.type === 'mark') {
    closeWindow();
    if (msg.next === variant) openWindow(msg.warm);
    process.send({ type: 'marked' });
  } else if (msg.type === 'finish') {
    closeWindow();
    process.send({ type: 'result', windows, check: check() }, () => {
      server.forceShutdown();
      process.disconnect();
    });
  }
});

server.addService(Echo.service, variant === 'census' && mode === 'trailer' ? withStatsTrailer(echoImpl(counter)) : echoImpl(counter));

// trailer mode: the bare server needs only the library's trailer codec.
const codec = mode === 'trailer' && variant === 'census' ? loadCensus() : undefined;

/** Echo handlers that answer with a grpc-server-stats-bin trailer (elapsed time in gRPC C++'s 10-byte form), as the plugin does. */
function withStatsTrailer(impl) {
  return {
    Unary(call, callback) {
      const start = performance.now();
      impl.Unary(call, (err, value) => {
        const trailer = new grpc.Metadata();
        trailer.set('grpc-server-stats-bin', codec.encodeServerStats((performance.now() - start) * 1e6));
        callback(err, value, trailer);
      });
    },
  };
}
server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (err, port) => {
  if (err) {
    console.error(err);
    process.exit(1);
  }
  process.send({ type: 'port', port });
});
