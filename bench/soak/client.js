'use strict';
// Soak child: the instrumented client (clientOptions, all 15 views on the
// process-wide stats). Runs the plan with a fixed number of calls in flight;
// at each sample point it drains its calls and reports its heap, then waits
// for the parent's go-ahead. At the end it reports what it sent and received
// (from the plan, checked against every response) and what its views hold.
const { censusWithAllViews } = require('./census');
const { grpc, Soak, METHODS, plan, text } = require('./service');
const { heapAfterGc } = require('./heap');
const { addPlanned, viewTotals } = require('./totals');

const [port, unary, streamEvery, inflight, warmup, sampleEvery] = process.argv.slice(2).map(Number);
const census = censusWithAllViews();
const client = new Soak(`127.0.0.1:${port}`, grpc.credentials.createInsecure(), census.clientOptions());

const expected = {};
const failures = [];
let issued = 0;
let completed = 0;
let nextSampleAt = 0;
let barrier; // the pending sample, shared by every worker that reaches it
let drained; // resolves when completed catches up with issued

function fail(rpc, what) {
  if (failures.length < 20) failures.push(`${rpc.method}: ${what}`);
}

/** Runs one planned RPC; checks its status and every response length. */
function call(rpc) {
  return new Promise((resolve) => {
    const got = [];
    const check = (err) => {
      if (err) fail(rpc, `status ${err.code} ${err.details}`);
      else if (got.join() !== rpc.receive.join()) fail(rpc, `received lengths ${got.join()} instead of ${rpc.receive.join()}`);
      resolve();
    };
    const onReply = (err, m) => {
      if (m) got.push(m.text.length);
      check(err);
    };
    if (rpc.method === 'Unary') return void client.Unary({ text: text(rpc.send[0]) }, onReply);
    if (rpc.method === 'ClientStream') {
      const c = client.ClientStream(onReply);
      for (const n of rpc.send) c.write({ text: text(n) });
      return void c.end();
    }
    const c = rpc.method === 'ServerStream' ? client.ServerStream({ text: text(rpc.send[0]) }) : client.Bidi();
    // OK: done once both the stream ended (every message read) and the status came.
    let waiting = 2;
    const half = () => --waiting === 0 && check(null);
    c.on('data', (m) => got.push(m.text.length));
    c.on('end', half);
    c.on('error', check);
    c.on('status', (s) => s.code === grpc.status.OK && half());
    if (rpc.method === 'Bidi') {
      for (const n of rpc.send) c.write({ text: text(n) });
      c.end();
    }
  });
}

/** Drains, samples this process's heap, and waits for the parent (which samples the server) to go on. */
function sample() {
  return (barrier ??= (async () => {
    if (completed < issued) await new Promise((r) => (drained = r));
    await new Promise((r) => setTimeout(r, 20)); // the server records its last endings a tick later
    const heapUsed = heapAfterGc();
    await new Promise((resolve) => {
      process.once('message', resolve); // { type: 'continue' }
      process.send({ type: 'sample', rpcs: issued, heapUsed });
    });
    nextSampleAt = issued < warmup ? warmup : issued + sampleEvery;
    barrier = undefined;
  })());
}

async function worker(rpcs) {
  for (;;) {
    while (issued >= nextSampleAt) await sample();
    const next = rpcs.next();
    if (next.done) return;
    const rpc = next.value;
    issued++;
    addPlanned(expected, METHODS[rpc.method], rpc);
    await call(rpc);
    if (++completed === issued && drained) {
      drained();
      drained = undefined;
    }
  }
}

async function main() {
  const started = process.hrtime.bigint();
  const rpcs = plan(unary, streamEvery);
  await Promise.all(Array.from({ length: inflight }, () => worker(rpcs)));
  const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
  await sample(); // the final sample, drained
  process.send({
    type: 'done',
    calls: issued,
    durationMs,
    failures,
    expected,
    totals: viewTotals(census.stats, 'client'),
    diagnostics: census.stats.diagnostics.snapshot(),
  });
  process.once('message', () => {
    client.close();
    process.disconnect();
  });
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
  process.disconnect();
});
