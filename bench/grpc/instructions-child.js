'use strict';
// One process of instructions.js: an Echo server, or a client that makes
// exactly CALLS unary calls and exits, of one variant (bare, forwarding,
// no-views, views). The measured process runs under valgrind; its peer
// (always bare) runs normally.
//   node instructions-child.js server MODE         → prints its port, serves until SIGTERM
//   node instructions-child.js client MODE CALLS PORT [WARM]
//     with WARM: makes WARM calls, prints `warm`, waits for a line on stdin,
//     then makes CALLS calls (instructions.js turns counting on meanwhile)
const { grpc, Echo, REQUEST, echoImpl } = require('./echo');
const { forwardingClientOptions, forwardingServer } = require('./layers');
const { loadCensus } = require('../lib/census');
const { sideViews } = require('./variants');

const IN_FLIGHT = 32;
const [role, mode, callsArg, port, warmArg] = process.argv.slice(2);
const calls = Number(callsArg);
const warm = Number(warmArg ?? 0);

/** The library for the instrumented modes, with every view of `role`'s side registered (views) or none (no-views). */
function census() {
  const c = loadCensus();
  if (mode === 'views') c.stats.registerView(...sideViews(c, role));
  return c;
}

if (role === 'server') {
  const server = mode === 'bare' ? new grpc.Server() : mode === 'forwarding' ? forwardingServer() : census().createServer();
  server.addService(Echo.service, echoImpl({ calls: 0 }));
  // The parent stops it once its client is done: an orderly exit, so callgrind writes its counts.
  process.on('SIGTERM', () => process.exit(0));
  server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (err, boundPort) => {
    if (err) throw err;
    process.stdout.write(`${boundPort}\n`);
  });
} else {
  const options = mode === 'bare' ? {} : mode === 'forwarding' ? forwardingClientOptions() : census().clientOptions();
  const client = new Echo(`127.0.0.1:${port}`, grpc.credentials.createInsecure(), options);
  const metadata = new grpc.Metadata();
  /** Makes `n` calls, IN_FLIGHT at a time, then calls `done`. */
  const run = (n, done) => {
    let started = 0;
    let inFlight = 0;
    const issue = () => {
      started++;
      inFlight++;
      client.Unary(REQUEST, metadata, (err) => {
        if (err) throw err;
        inFlight--;
        if (started < n) issue();
        else if (inFlight === 0) done();
      });
    };
    for (let i = 0; i < Math.min(IN_FLIGHT, n); i++) issue();
  };
  const measured = () => run(calls, () => process.exit(0));
  if (warm > 0) {
    run(warm, () => {
      process.stdin.once('data', measured);
      process.stdout.write('warm\n');
    });
  } else measured();
}
