'use strict';
// The fetchIt service: a server measured by createServer(), a client measured by clientOptions().
const path = require('node:path');
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');
const { clientOptions, createServer } = require('grpc-census');

const definition = protoLoader.loadSync(path.join(__dirname, 'fetch.proto'), { keepCase: true });
const { Fetch } = grpc.loadPackageDefinition(definition).rpc;

/** Answers after a short, variable think time, so latencies spread over several buckets. */
function later(fn) {
  setTimeout(fn, Math.random() < 0.9 ? Math.random() * 3 : 5 + Math.random() * 20);
}

const handlers = {
  Capitalize(call, callback) {
    const text = call.request.data.toString();
    if (text === '') return later(() => callback({ code: grpc.status.INVALID_ARGUMENT, details: 'nothing to capitalize' }));
    if (text === 'slow') return; // never answers: the client's deadline expires
    later(() => callback(null, { data: Buffer.from(text.toUpperCase()) }));
  },
  CapitalizeWords(call) {
    const words = call.request.data.toString().split(' ');
    let i = 0;
    const next = () => {
      if (call.cancelled) return;
      if (i === words.length) return call.end();
      call.write({ data: Buffer.from(words[i++].toUpperCase()) });
      later(next);
    };
    later(next);
  },
};

/** Starts the measured server on 127.0.0.1 (free port); resolves with its address and a stop function. */
function startServer() {
  const server = createServer();
  server.addService(Fetch.service, handlers);
  return new Promise((resolve, reject) => {
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (err, port) => {
      if (err) return reject(err);
      resolve({ address: `127.0.0.1:${port}`, stop: () => new Promise((done) => server.tryShutdown(() => done())) });
    });
  });
}

/** A measured client of the service at `address`. */
function connect(address) {
  return new Fetch(address, grpc.credentials.createInsecure(), clientOptions());
}

module.exports = { startServer, connect };
