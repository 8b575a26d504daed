'use strict';
// Child process of the gRPC section: ONE Echo client of one variant, bare
// grpc-js or instrumented, keeping 32 unary calls in flight against its own
// server when the parent says so. Each variant's client runs in a process of
// its own (as each server does), so nothing the plugin does to its process
// can reach the bare side. The parent alternates the variants in short
// slices (A B B A …); each slice ends by draining its calls, so every call is
// counted in the slice of the variant that made it, on both sides.
const { AllocMeter } = require('../lib/alloc-meter');
const { grpc, Echo, REQUEST } = require('./echo');
const { viewsFor, forwards } = require('./variants');
const { forwardingClientOptions } = require('./layers');

const IN_FLIGHT = 32;

const [variant, port, sliceMsArg, mode, altDist] = process.argv.slice(2);
const sliceMs = Number(sliceMsArg);
// The library is loaded only by an instrumented client: a bare one never requires it.
const { census, views } = viewsFor('client', variant, mode, altDist);
if (census) census.stats.registerView(...views);
const creds = grpc.credentials.createInsecure();
// layers, client-layers: the census variant's client has a channel wrapper that only forwards (layers.js).
const client = new Echo(`127.0.0.1:${port}`, creds, census ? census.clientOptions() : forwards('client', variant, mode) ? forwardingClientOptions() : {});
let made = 0;
// tags mode: every call carries the largest legal grpc-tags-bin of issue 10
// (4096 tags of two-byte keys and empty values: 20 481 bytes).
const metadata = new grpc.Metadata();
if (mode === 'tags') metadata.set('grpc-tags-bin', largeTagsHeader(4096));

/** The OpenCensus binary tag format: version 0, then per tag 0x00, varint length, key, varint length, value. */
function largeTagsHeader(n) {
  const parts = [Buffer.from([0])];
  for (let i = 0; i < n; i++) {
    const key = String.fromCharCode(0x21 + Math.floor(i / 90), 0x21 + (i % 90));
    parts.push(Buffer.from([0, 2]), Buffer.from(key, 'latin1'), Buffer.from([0]));
  }
  return Buffer.concat(parts);
}

/** One slice: calls kept at IN_FLIGHT for sliceMs, then drained. */
function slice() {
  return new Promise((resolve, reject) => {
    let inFlight = 0;
    let calls = 0;
    let draining = false;
    const alloc = new AllocMeter();
    const issue = () => {
      inFlight++;
      client.Unary(REQUEST, metadata, (err) => {
        inFlight--;
        if (err) return reject(err);
        calls++;
        if (!draining) issue();
        else if (inFlight === 0) done();
      });
    };
    const t0 = process.hrtime.bigint();
    const cpu0 = process.cpuUsage();
    alloc.start();
    const done = () => {
      const ns = Number(process.hrtime.bigint() - t0);
      const cpu = process.cpuUsage(cpu0);
      made += calls;
      const allocBytes = alloc.stop();
      resolve({ variant, calls, seconds: ns / 1e9, cpuUs: cpu.user + cpu.system, allocBytes, gcUs: alloc.gcUs });
    };
    for (let i = 0; i < IN_FLIGHT; i++) issue();
    setTimeout(() => (draining = true), sliceMs);
  });
}

/** Proof the instrumented client recorded every call it made. */
function check() {
  // Bare, or no view registered (client-no-views): nothing recorded to compare.
  if (!census || views.length === 0) return { made, recorded: made };
  const rows = census.stats.retrieveData(census.ClientCompletedRPCsView);
  return { made, recorded: rows.reduce((s, r) => s + r.data.value, 0) };
}

process.on('message', (msg) => {
  if (msg.type === 'slice') {
    slice().then(
      (sample) => process.send({ type: 'sample', sample }),
      (err) => {
        console.error(err);
        process.exit(1);
      },
    );
  } else if (msg.type === 'finish') {
    process.send({ type: 'result', check: check() }, () => {
      client.close();
      process.disconnect();
    });
  }
});
process.send({ type: 'ready' });
