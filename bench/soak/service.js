'use strict';
// The soak service and its workload, shared by both children: what each RPC
// sends and answers is a pure function of its index, so the client knows the
// exact message counts and byte sizes every view must end up with without
// asking the library under test.
const path = require('node:path');
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');

const definition = protoLoader.loadSync(path.join(__dirname, 'soak.proto'), { keepCase: true });
const Soak = grpc.loadPackageDefinition(definition).soak.Soak;

/** Method tag values as the views report them. */
const METHODS = {
  Unary: 'soak.Soak/Unary',
  ServerStream: 'soak.Soak/ServerStream',
  ClientStream: 'soak.Soak/ClientStream',
  Bidi: 'soak.Soak/Bidi',
};
const STREAM_KINDS = ['ServerStream', 'Bidi', 'ClientStream'];
const LETTERS = 'abcdefghijklmnopqrstuvwxyz'.repeat(20);

/** A text of `n` lower-case letters (upper-casing keeps its length). */
function text(n) {
  return LETTERS.slice(0, n);
}

/** Serialized size of a Msg whose text has `n` ≥ 1 ASCII characters. */
function msgSize(n) {
  return 1 + (n < 128 ? 1 : 2) + n;
}

/**
 * The RPCs of a run, in order: `unary` unary calls and, after every
 * `streamEvery`-th of them, one streaming call (server-streaming, bidi and
 * client-streaming in turn). Each item says what is sent and what comes back.
 */
function* plan(unary, streamEvery) {
  let stream = 0;
  for (let k = 0; k < unary; k++) {
    const n = 1 + (k % 300); // 1- and 2-byte length varints
    yield sized({ method: 'Unary', send: [n], receive: [n] });
    if ((k + 1) % streamEvery === 0) yield sized(streamCall(stream++));
  }
}

/** Adds the serialized byte totals of what `rpc` sends and receives. */
function sized(rpc) {
  rpc.sendBytes = rpc.send.reduce((s, n) => s + msgSize(n), 0);
  rpc.receiveBytes = rpc.receive.reduce((s, n) => s + msgSize(n), 0);
  return rpc;
}

function streamCall(j) {
  const kind = STREAM_KINDS[j % STREAM_KINDS.length];
  const m = 2 + (j % 6);
  if (kind === 'ServerStream') {
    return { method: kind, send: [m], receive: Array.from({ length: m }, (_, i) => 10 * (i + 1)) };
  }
  const sizes = Array.from({ length: m }, (_, i) => 5 * (i + 1));
  if (kind === 'Bidi') return { method: kind, send: sizes, receive: sizes };
  return { method: kind, send: sizes, receive: [sizes.reduce((a, b) => a + b, 0)] };
}

/** The server's handlers: echo upper-cased; ServerStream answers n texts of 10, 20, … letters for a request of n letters. */
const impl = {
  Unary(call, cb) {
    cb(null, { text: call.request.text.toUpperCase() });
  },
  ServerStream(call) {
    const n = call.request.text.length;
    for (let i = 0; i < n; i++) call.write({ text: text(10 * (i + 1)) });
    call.end();
  },
  ClientStream(call, cb) {
    let all = '';
    call.on('data', (m) => (all += m.text));
    call.on('end', () => cb(null, { text: all.toUpperCase() }));
  },
  Bidi(call) {
    call.on('data', (m) => call.write({ text: m.text.toUpperCase() }));
    call.on('end', () => call.end());
  },
};

module.exports = { grpc, Soak, METHODS, plan, text, msgSize, impl };
