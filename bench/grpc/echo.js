'use strict';
// The Echo service used by the gRPC section, loaded with proto-loader as an
// application would.
const path = require('node:path');
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');

const definition = protoLoader.loadSync(path.join(__dirname, 'echo.proto'), { keepCase: true, defaults: true });
const { Echo } = grpc.loadPackageDefinition(definition).bench;

/** The request every call sends: a short string and 64 bytes. */
const REQUEST = { text: 'hello', payload: Buffer.alloc(64, 7) };

/** Echo handlers that also count calls into `counter.calls`. */
function echoImpl(counter) {
  return {
    Unary(call, callback) {
      counter.calls++;
      callback(null, call.request);
    },
  };
}

module.exports = { grpc, Echo, REQUEST, echoImpl };
