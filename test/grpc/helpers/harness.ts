import * as grpc from '@grpc/grpc-js';
import { EchoClient, EchoService, echoImpl, type Msg } from './echo-service';

/** Binds `server` on 127.0.0.1 with an ephemeral port; resolves with the address. */
export function listen(server: grpc.Server): Promise<string> {
  return new Promise((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (err, port) =>
      err ? reject(err) : resolve(`127.0.0.1:${port}`),
    ),
  );
}

/** Adds the echo service to `server` and binds it. */
export function serveEcho(server: grpc.Server, impl: grpc.UntypedServiceImplementation = echoImpl): Promise<string> {
  server.addService(EchoService, impl);
  return listen(server);
}

/** An echo client on `address`. */
export function echoClient(address: string, options?: grpc.ClientOptions): grpc.Client & Calls {
  return new EchoClient(address, grpc.credentials.createInsecure(), options) as unknown as grpc.Client & Calls;
}

/** Everything an application sees of a finished call. */
export interface Outcome {
  code: number;
  details: string;
  messages: Msg[];
  headers: Record<string, unknown>;
  trailers: Record<string, unknown>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Calls = Record<string, (...args: any[]) => any>;

/** Runs one RPC of `kind` sending `requests`; `act` may cancel it. Resolves once the status arrived. */
export function run(
  client: object,
  kind: 'unary' | 'clientStream' | 'serverStream' | 'bidi',
  requests: Msg[],
  options: { metadata?: grpc.Metadata; callOptions?: grpc.CallOptions; act?: (call: grpc.Call) => void; method?: string } = {},
): Promise<Outcome> {
  const md = options.metadata ?? new grpc.Metadata();
  const callOptions = options.callOptions ?? {};
  return new Promise((resolve) => {
    const out: Outcome = { code: -1, details: '', messages: [], headers: {}, trailers: {} };
    const onDone = () => resolve(out);
    const statusOf = (s: grpc.StatusObject) => {
      out.code = s.code;
      out.details = s.details;
      out.trailers = s.metadata.getMap();
    };
    const method = options.method ?? { unary: 'Unary', clientStream: 'ClientStream', serverStream: 'ServerStream', bidi: 'Bidi' }[kind];
    let call: grpc.Call;
    let gotStatus = false;
    let gotCallback = !(kind === 'unary' || kind === 'clientStream');
    const maybeDone = () => gotStatus && gotCallback && onDone();
    const callback = (err: grpc.ServiceError | null, value?: Msg) => {
      if (value) out.messages.push(value);
      gotCallback = true;
      void err;
      maybeDone();
    };
    const c = client as Calls;
    if (kind === 'unary') call = c[method](requests[0], md, callOptions, callback);
    else if (kind === 'clientStream') call = c[method](md, callOptions, callback);
    else if (kind === 'serverStream') call = c[method](requests[0], md, callOptions);
    else call = c[method](md, callOptions);
    call.on('metadata', (m: grpc.Metadata) => (out.headers = m.getMap()));
    call.on('status', (s: grpc.StatusObject) => {
      statusOf(s);
      gotStatus = true;
      setImmediate(maybeDone);
    });
    if (kind === 'serverStream' || kind === 'bidi') {
      const r = call as grpc.ClientReadableStream<Msg>;
      r.on('data', (m: Msg) => out.messages.push(m));
      r.on('error', () => {});
    }
    if (kind === 'clientStream' || kind === 'bidi') {
      const w = call as grpc.ClientWritableStream<Msg>;
      for (const r of requests) w.write(r);
      if (!requests.some((r) => r.text === 'hang')) w.end();
    }
    options.act?.(call);
  });
}
