'use strict';
// fetchIt server: capitalizes what clients send, instrumented with grpc-census.
//   node server.js [port]        (or PORT=…; 0 picks a free port; default 9876)
// Prints "listening on 127.0.0.1:<port>", then on SIGINT/SIGTERM its view data.
const grpc = require('@grpc/grpc-js');
const census = require('grpc-census');
const { FetchService } = require('./proto');
const { printViews } = require('./print-views');

// As the tutorial's `view.Register(ocgrpc.DefaultServerViews...)`.
census.stats.registerView(...census.DefaultServerViews);

// As `grpc.NewServer(grpc.StatsHandler(&ocgrpc.ServerHandler{}))`.
const server = census.createServer();

server.addService(FetchService, {
  Capitalize(call, callback) {
    const { id, data } = call.request;
    callback(null, { id, data: Buffer.from(data.toString('utf8').toUpperCase()) });
  },
});

const port = process.argv[2] ?? process.env.PORT ?? '9876';
server.bindAsync(`127.0.0.1:${port}`, grpc.ServerCredentials.createInsecure(), (err, bound) => {
  if (err) {
    console.error(`fetchit server: ${err.message}`);
    process.exit(1);
  }
  console.log(`listening on 127.0.0.1:${bound}`);
});

function stop() {
  server.tryShutdown(() => {
    printViews();
    process.exit(0);
  });
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
