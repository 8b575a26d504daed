'use strict';
// fetchIt client: reads lines from stdin, sends each to the server, prints
// the capitalized reply. Instrumented with grpc-census.
//   node client.js [port]        (or PORT=…; default 9876)
// At the end of input it prints its view data.
const readline = require('node:readline');
const grpc = require('@grpc/grpc-js');
const census = require('grpc-census');
const { FetchClient } = require('./proto');
const { printViews } = require('./print-views');

// As the tutorial's `view.Register(ocgrpc.DefaultClientViews...)`.
census.stats.registerView(...census.DefaultClientViews);

const port = process.argv[2] ?? process.env.PORT ?? '9876';
// As `grpc.Dial(addr, grpc.WithStatsHandler(&ocgrpc.ClientHandler{}))`.
const client = new FetchClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure(), census.clientOptions());

function capitalize(id, line) {
  return new Promise((resolve, reject) =>
    client.Capitalize({ id, data: Buffer.from(line) }, (err, out) => (err ? reject(err) : resolve(out))),
  );
}

async function main() {
  const lines = readline.createInterface({ input: process.stdin });
  let id = 0;
  process.stdout.write('> ');
  for await (const line of lines) {
    try {
      const out = await capitalize(++id, line);
      process.stdout.write(`< ${out.data.toString('utf8')}\n\n> `);
    } catch (err) {
      process.stdout.write(`error: ${err.message}\n\n> `);
    }
  }
  process.stdout.write('\n');
  client.close();
  printViews();
}

main();
