'use strict';
// Stats monitoring: a custom StatsHandler on both sides of a real call.
//   node main.js      (serves on a free port, makes a unary and a streaming call, exits)
const path = require('node:path');
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');
const census = require('grpc-census');
const { PrintingHandler } = require('./printing-handler');

const { echo } = grpc.loadPackageDefinition(protoLoader.loadSync(path.join(__dirname, 'echo.proto')));

async function main() {
  // With `handlers`, exactly these run (add `new census.ViewsStatsHandler()` to keep the views).
  const serverHandler = new PrintingHandler('server');
  const server = census.createServer({ census: { handlers: [serverHandler] } });
  server.addService(echo.Echo.service, {
    UnaryEcho(call, callback) {
      const trailer = new grpc.Metadata();
      trailer.set('x-served-by', 'stats-monitoring');
      callback(null, { message: call.request.message }, trailer);
    },
    ServerStreamingEcho(call) {
      for (const word of call.request.message.split(' ')) call.write({ message: word });
      call.end();
    },
  });
  const port = await new Promise((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (err, p) => (err ? reject(err) : resolve(p))),
  );
  const client = new echo.Echo(`127.0.0.1:${port}`, grpc.credentials.createInsecure(),
    census.clientOptions({ handlers: [new PrintingHandler('client')] }));

  const metadata = new grpc.Metadata();
  metadata.set('x-request-id', '1');
  await new Promise((resolve, reject) =>
    client.UnaryEcho({ message: 'hello' }, metadata, (err) => (err ? reject(err) : resolve())),
  );
  await new Promise((resolve, reject) => {
    const call = client.ServerStreamingEcho({ message: 'stats are events' });
    call.on('data', () => {});
    call.on('error', reject);
    call.on('status', resolve);
  });
  // The server ends its side once its trailers are out, which may be just after the client has them.
  for (let i = 0; i < 100 && serverHandler.ended < 2; i++) await new Promise((resolve) => setTimeout(resolve, 10));
  client.close();
  server.forceShutdown();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
