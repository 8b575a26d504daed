'use strict';
// Soak child: the instrumented server (createServer, all 15 views on the
// process-wide stats) on 127.0.0.1. The parent asks it for heap samples and,
// at the end, for the totals its views hold.
const { censusWithAllViews } = require('./census');
const { grpc, Soak, impl } = require('./service');
const { heapAfterGc } = require('./heap');
const { viewTotals, completedCount } = require('./totals');

const census = censusWithAllViews();
const server = census.createServer();
server.addService(Soak.service, impl);

/** Waits (bounded: 10 s) until the server views have counted `calls` completed RPCs: the last endings are recorded a tick after the client sees them. */
async function totalsWhenComplete(calls) {
  for (let i = 0; i < 1000; i++) {
    const totals = viewTotals(census.stats, 'server');
    if (completedCount(totals) >= calls) return totals;
    await new Promise((r) => setTimeout(r, 10));
  }
  return viewTotals(census.stats, 'server');
}

process.on('message', async (msg) => {
  if (msg.type === 'heap') process.send({ type: 'heap', heapUsed: heapAfterGc() });
  else if (msg.type === 'totals') {
    const totals = await totalsWhenComplete(msg.calls);
    process.send({ type: 'totals', totals, diagnostics: census.stats.diagnostics.snapshot() });
  } else if (msg.type === 'exit') {
    server.tryShutdown(() => process.disconnect());
  }
});

server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (err, port) => {
  if (err) throw err;
  process.send({ type: 'ready', port });
});
