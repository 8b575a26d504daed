'use strict';
// Child process of the gRPC section: two Echo clients (bare, and
// instrumented with clientOptions() and all client views) keep 32 unary calls
// in flight against their own server. Variants alternate in short slices
// (A B B A …); each slice ends by draining in-flight calls, so every call is
// counted in the slice of the variant that made it, on both sides.
// Both clients share this process: that is fair because the plugin's client
// side never enables AsyncLocalStorage (it only reads currentTags()), the one
// process-wide effect it could have; the servers each get their own process.
const { loadCensus } = require('../lib/census');
const { AllocMeter } = require('../lib/alloc-meter');
const { grpc, Echo, REQUEST } = require('./echo');

const IN_FLIGHT = 32;
const ORDER = ['bare', 'census', 'census', 'bare'];

const [portsJson, slicesArg, sliceMsArg, warmArg, mode, altDist] = process.argv.slice(2);
// Modes other than `census`, `census-als` and `vs` (A/A calibration, the costs of
// AsyncLocalStorage, one no-op interceptor or the stats trailer on the server) keep both clients bare.
const aa = mode !== 'census' && mode !== 'vs' && mode !== 'census-als';
const census = loadCensus();
census.stats.registerView(...census.DefaultClientViews, ...census.ExtraClientViews);
// vs: the `bare` client is instrumented too, by another build (its own module instance, stats and views).
const alt = mode === 'vs' ? loadCensus(altDist) : undefined;
if (alt) alt.stats.registerView(...alt.DefaultClientViews, ...alt.ExtraClientViews);
const ports = JSON.parse(portsJson);
const [slices, sliceMs, warmSlices] = [slicesArg, sliceMsArg, warmArg].map(Number);
const creds = grpc.credentials.createInsecure();
const made = { bare: 0, census: 0 };
const clients = {
  bare: alt ? new Echo(`127.0.0.1:${ports.bare}`, creds, alt.clientOptions()) : new Echo(`127.0.0.1:${ports.bare}`, creds),
  census: aa ? new Echo(`127.0.0.1:${ports.census}`, creds) : new Echo(`127.0.0.1:${ports.census}`, creds, census.clientOptions()),
};

/** Asks the server (through the parent) to start attributing to `next`, and waits for it. */
function mark(next, warm) {
  return new Promise((resolve) => {
    process.once('message', (msg) => msg.type === 'marked' && resolve());
    process.send({ type: 'mark', next, warm });
  });
}

/** One slice of `variant`: calls kept at IN_FLIGHT for sliceMs, then drained. */
function slice(variant) {
  return new Promise((resolve, reject) => {
    const client = clients[variant];
    let inFlight = 0;
    let calls = 0;
    let draining = false;
    const alloc = new AllocMeter();
    const issue = () => {
      inFlight++;
      client.Unary(REQUEST, (err) => {
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
      made[variant] += calls;
      resolve({ variant, calls, seconds: ns / 1e9, cpuUs: cpu.user + cpu.system, allocBytes: alloc.stop() });
    };
    for (let i = 0; i < IN_FLIGHT; i++) issue();
    setTimeout(() => (draining = true), sliceMs);
  });
}

async function main() {
  const samples = [];
  for (let k = 0; k < warmSlices + slices; k++) {
    const variant = ORDER[k % ORDER.length];
    const warm = k < warmSlices;
    await mark(variant, warm);
    const s = await slice(variant);
    if (!warm) samples.push(s);
  }
  await mark(null, true);
  const rows = census.stats.retrieveData(census.ClientCompletedRPCsView);
  const recorded = aa ? made.census : rows.reduce((s, r) => s + r.data.value, 0);
  process.send({ type: 'result', samples, check: { made: made.census, recorded } }, () => {
    for (const c of Object.values(clients)) c.close();
    process.disconnect();
  });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
