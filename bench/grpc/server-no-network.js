'use strict';
// The server plugin's own cost, without a network: unary RPCs driven through
// a fake of the call grpc-js gives server interceptors (the base call: its
// listener events, sendMessage running the serializer inline, sendStatus
// writing the status on a fake HTTP/2 stream), bare against the plugin's
// interceptor with all server views and createServer's sized serializers, in
// alternating batches in one process. What remains in a loopback run beyond
// this is the plugin's indirect cost: GC for what it allocates, the
// AsyncLocalStorage's effect on everything else in the process, and the
// client's wake-ups.
//   node bench/grpc/server-no-network.js [rounds=30] [PluginOptions JSON]
// Run `npm run build` first.
const path = require('node:path');
const { grpc } = require('./echo');
const { loadCensus, DIST } = require('../lib/census');
const { AllocMeter } = require('../lib/alloc-meter');
const { pairedSlices, pairedTable } = require('../lib/paired');

const census = loadCensus();
// createServer's serializer wrappers (internal): they note the sizes the plugin records.
const { sizedSerializer, sizedDeserializer } = require(path.join(path.resolve(DIST), 'grpc', 'grpcjs', 'message-sizes'));
census.stats.registerView(...census.DefaultServerViews, ...census.ExtraServerViews);
const interceptor = census.serverInterceptor(JSON.parse(process.argv[3] ?? '{}'));
const BATCH = 20000;

const REPLY = Buffer.alloc(70, 1);
const REQUEST = Buffer.alloc(70, 2);
const serialize = sizedSerializer(() => REPLY);
const deserialize = sizedDeserializer((buf) => ({ buf }));
const method = { path: '/bench.Echo/Unary', requestStream: false, responseStream: false, requestDeserialize: deserialize, responseSerialize: serialize };
const metadata = new grpc.Metadata();

/** The parts of Node's ServerHttp2Stream the plugin reads. */
class FakeStream {
  sentHeaders = undefined;
  sentTrailers = undefined;
  writableEnded = false;
  closed = false;
  destroyed = false;
  respond(headers) {
    this.sentHeaders = headers;
  }
  sendTrailers(trailers) {
    this.sentTrailers = trailers;
  }
}

/** grpc-js's base server call as an interceptor sees it. */
class FakeBaseCall {
  stream = new FakeStream();
  listener = undefined;
  start(listener) {
    this.listener = listener;
  }
  sendMetadata() {}
  sendMessage(message, callback) {
    if (this.stream.sentHeaders === undefined) this.stream.respond({ ':status': 200 });
    serialize(message);
    callback();
  }
  sendStatus(status) {
    this.stream.sendTrailers({ 'grpc-status': String(status.code), 'grpc-message': status.details });
    this.stream.writableEnded = true;
  }
  startRead() {}
  getPeer() {
    return '127.0.0.1:1';
  }
  getDeadline() {
    return Infinity;
  }
  getHost() {
    return 'bench';
  }
}

/** A unary handler's listener: echo at half-close. */
function handlerOf(call) {
  let request;
  return {
    onReceiveMetadata() {},
    onReceiveMessage(message) {
      request = message;
    },
    onReceiveHalfClose() {
      call.sendMessage(request, () => {});
      call.sendStatus({ code: grpc.status.OK, details: 'OK', metadata });
    },
    onCancel() {},
  };
}

/** One unary RPC, as grpc-js drives a server call: metadata, message, half-close, then the end (onCancel). */
function rpc(instrumented) {
  const base = new FakeBaseCall();
  const call = instrumented ? interceptor(method, base) : base;
  call.start(handlerOf(call));
  const events = base.listener;
  events.onReceiveMetadata(metadata);
  events.onReceiveMessage(deserialize(REQUEST));
  events.onReceiveHalfClose();
  base.stream.closed = true;
  events.onCancel();
}

function slice(instrumented) {
  const alloc = new AllocMeter();
  const cpu0 = process.cpuUsage();
  alloc.start();
  for (let i = 0; i < BATCH; i++) rpc(instrumented);
  const cpu = process.cpuUsage(cpu0);
  return { cpuUs: (cpu.user + cpu.system) / BATCH, allocBytes: alloc.stop() / BATCH };
}

async function main() {
  const rounds = Number(process.argv[2] ?? 30);
  const warm = 6;
  const m = await pairedSlices(async (v) => slice(v === 'census'), { rounds, warm });
  const rows = census.stats.retrieveData(census.ServerCompletedRPCsView);
  const recorded = rows.reduce((s, row) => s + row.data.value, 0);
  if (recorded !== (warm + rounds) * BATCH || rows.some((row) => row.tags.grpc_server_status !== 'OK')) {
    throw new Error(`completed_rpcs ${recorded} (${JSON.stringify(rows.map((row) => row.tags))}) does not match the RPCs made`);
  }
  console.log(`${process.version}: ${rounds} alternated rounds of ${BATCH} unary RPCs per variant, medians per RPC\n`);
  console.log(pairedTable('server', m));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
