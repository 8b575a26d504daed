import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { EventEmitter } from 'node:events';
import { join } from 'node:path';

/** The loaded test service and its client constructor. */
export const echoPackage = protoLoader.loadSync(join(__dirname, 'echo.proto'), { keepCase: true, defaults: false });
const loaded = grpc.loadPackageDefinition(echoPackage) as unknown as {
  census: { test: { Echo: grpc.ServiceClientConstructor } };
};
export const EchoClient = loaded.census.test.Echo;
export const EchoService = EchoClient.service;

/**
 * Serialized size of `{ text }` (ASCII, shorter than 128 chars): tag byte,
 * length byte, text. protobufjs writes a field that is set even when empty
 * (`{ text: '' }` is 0a 00); only `{}` is 0 bytes.
 */
export function msgSize(text: string | undefined): number {
  return text === undefined ? 0 : 2 + text.length;
}

/** Emits 'hang' whenever a handler reaches a `hang` request and stops answering. */
export const hangs = new EventEmitter();

export interface Msg {
  text?: string;
}

/**
 * Behaviour is chosen by the request text:
 *  - `error:<code>`  → status <code> with details `failed <code>` and trailer `x-trailer: t`
 *  - `throw`         → the handler throws (UNKNOWN)
 *  - `hang`          → never answers (for deadlines, cancellation, shutdown);
 *                      server-streaming sends one message `first` first
 *  - `many:<n>`      → server-streaming: n replies `r0`…, then OK
 *  - `big:<n>`       → unary: one reply of n `x` characters (for size limits)
 *  - `twice`         → unary: answers `ONE`, then `TWO` (grpc-js sends the first)
 *  - `answer-throw`  → unary: answers `OK`, then throws (grpc-js sends the answer)
 *  - anything else   → echoed upper-cased, with header `x-header: h` and trailer `x-trailer: t`
 * Client-streaming concatenates the texts; bidi answers each message.
 */
export const echoImpl: grpc.UntypedServiceImplementation = {
  Unary(call: grpc.ServerUnaryCall<Msg, Msg>, cb: grpc.sendUnaryData<Msg>) {
    answer(call.request.text ?? '', call, cb);
  },
  ClientStream(call: grpc.ServerReadableStream<Msg, Msg>, cb: grpc.sendUnaryData<Msg>) {
    const texts: string[] = [];
    call.on('data', (m: Msg) => {
      texts.push(m.text ?? '');
      if (m.text === 'hang') hangs.emit('hang');
    });
    call.on('end', () => answer(texts.join(''), call, cb));
  },
  ServerStream(call: grpc.ServerWritableStream<Msg, Msg>) {
    const text = call.request.text ?? '';
    if (text === 'hang') {
      call.write({ text: 'first' });
      hangs.emit('hang');
      return;
    }
    if (text === 'throw') throw new Error('boom');
    if (text.startsWith('error:')) {
      call.write({ text: 'partial' });
      const code = Number(text.slice(6));
      call.emit('error', { code, details: `failed ${code}`, metadata: trailer() });
      return;
    }
    const n = text.startsWith('many:') ? Number(text.slice(5)) : 1;
    for (let i = 0; i < n; i++) call.write({ text: `r${i}` });
    call.end(trailer());
  },
  Bidi(call: grpc.ServerDuplexStream<Msg, Msg>) {
    let hung = false;
    call.on('data', (m: Msg) => {
      const text = m.text ?? '';
      if (text === 'hang') {
        hung = true;
        hangs.emit('hang');
        return;
      }
      if (text.startsWith('error:')) {
        const code = Number(text.slice(6));
        call.emit('error', { code, details: `failed ${code}`, metadata: trailer() });
        return;
      }
      call.write({ text: text.toUpperCase() });
    });
    // grpc-js ends the request stream of a call the client cancelled: a hung call must not answer it.
    call.on('end', () => hung || call.end(trailer()));
  },
  // Missing is left unimplemented: grpc-js answers UNIMPLEMENTED.
};

function trailer(): grpc.Metadata {
  const md = new grpc.Metadata();
  md.set('x-trailer', 't');
  return md;
}

function answer(text: string, call: { sendMetadata(md: grpc.Metadata): void }, cb: grpc.sendUnaryData<Msg>): void {
  if (text.includes('hang')) {
    if (text === 'hang') hangs.emit('hang');
    return;
  }
  if (text === 'throw') throw new Error('boom');
  if (text.startsWith('error:')) {
    const code = Number(text.slice(6));
    cb({ code, details: `failed ${code}`, metadata: trailer() } as grpc.ServiceError, null);
    return;
  }
  if (text.startsWith('big:')) return cb(null, { text: 'x'.repeat(Number(text.slice(4))) });
  if (text === 'twice') {
    cb(null, { text: 'ONE' });
    cb(null, { text: 'TWO' });
    return;
  }
  if (text === 'answer-throw') {
    cb(null, { text: 'OK' });
    throw new Error('after the answer');
  }
  const header = new grpc.Metadata();
  header.set('x-header', 'h');
  call.sendMetadata(header);
  cb(null, { text: text.toUpperCase() }, trailer());
}
