'use strict';
// Loads defs.proto: the Fetch service definition and its client constructor.
const path = require('node:path');
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');

const definition = protoLoader.loadSync(path.join(__dirname, 'defs.proto'), { keepCase: true });
const { rpc } = grpc.loadPackageDefinition(definition);

module.exports = { FetchClient: rpc.Fetch, FetchService: rpc.Fetch.service };
