'use strict';
// The client plugin's own cost, without a network: a grpc-js client over a
// fake Channel whose calls answer in a microtask (one 64-byte reply, OK, no
// trailers), bare against clientOptions() with all client views, in
// alternating batches in one process. What remains in a loopback run beyond
// this is grpc-js and HTTP/2 work the plugin causes (the server-latency
// trailer), and the server's own cost showing up as client wake-ups.
//   node bench/grpc/client-no-network.js [rounds=30]
// Run `npm run build` first.
const { grpc, Echo, REQUEST } = require('./echo');
const { loadCensus } = require('../lib/census');
const { AllocMeter } = require('../lib/alloc-meter');
const { sideViews } = require('./variants');
const { pairedSlices, pairedTable } = require('../lib/paired');

const census = loadCensus();
census.stats.registerView(...sideViews(census, 'client'));
const REPLY = Echo.service.Unary.responseSerialize(REQUEST);
const BATCH = 500;
const BATCHES_PER_SLICE = 20;

/** A channel-level call that answers every request at once: headers, one message, OK. */
class InstantCall {
  static calls = 0;
  start(_metadata, listener) {
    this.listener = listener;
  }
  sendMessageWithContext(context) {
    if (context.callback) queueMicrotask(context.callback);
  }
  halfClose() {
    queueMicrotask(() => {
      this.listener.onReceiveMetadata(new grpc.Metadata());
      this.listener.onReceiveMessage(REPLY);
      this.listener.onReceiveStatus({ code: grpc.status.OK, details: 'OK', metadata: new grpc.Metadata() });
    });
  }
  startRead() {}
  cancelWithStatus() {}
  getPeer() {
    return '127.0.0.1:50051';
  }
  getCallNumber() {
    return ++InstantCall.calls;
  }
  setCredentials() {}
  getAuthContext() {
    return {};
  }
}

const instantChannel = {
  close() {},
  getTarget: () => 'instant',
  getConnectivityState: () => grpc.connectivityState.READY,
  watchConnectivityState() {},
  getChannelzRef: () => ({}),
  createCall: () => new InstantCall(),
};

const creds = grpc.credentials.createInsecure();
const clients = {
  bare: new Echo('instant', creds, { channelOverride: instantChannel }),
  census: new Echo('instant', creds, census.clientOptions({}, { channelOverride: instantChannel })),
};

function batch(client) {
  return new Promise((resolve, reject) => {
    let done = 0;
    for (let i = 0; i < BATCH; i++) client.Unary(REQUEST, (err) => (err ? reject(err) : ++done === BATCH && resolve()));
  });
}

async function slice(variant) {
  const alloc = new AllocMeter();
  const cpu0 = process.cpuUsage();
  alloc.start();
  for (let j = 0; j < BATCHES_PER_SLICE; j++) await batch(clients[variant]);
  const cpu = process.cpuUsage(cpu0);
  const calls = BATCH * BATCHES_PER_SLICE;
  return { cpuUs: (cpu.user + cpu.system) / calls, allocBytes: alloc.stop() / calls };
}

async function main() {
  const rounds = Number(process.argv[2] ?? 30);
  const warm = 4;
  const m = await pairedSlices(slice, { rounds, warm });
  const recorded = census.stats.retrieveData(census.ClientCompletedRPCsView).reduce((s, row) => s + row.data.value, 0);
  if (recorded !== (warm + rounds) * BATCH * BATCHES_PER_SLICE) throw new Error(`completed_rpcs ${recorded} does not match the calls made`);
  console.log(`${rounds} alternated rounds of ${BATCH * BATCHES_PER_SLICE} unary calls per variant, medians per call\n`);
  console.log(pairedTable('client', m));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
