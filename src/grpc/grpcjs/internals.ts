import type { Http2Stream } from 'node:http2';
import type { Metadata, MetadataValue } from '@grpc/grpc-js';
import type { Diagnostics } from '../../views';

// Every private or undocumented behaviour of @grpc/grpc-js the plugin relies
// on, in one place. Each entry says what it is, the grpc-js versions it was
// verified on (the newest patch of each supported minor, by the test matrix:
// scripts/test-matrix.sh), how the plugin checks it before relying on it, what
// the plugin does when the check fails, and the test that fails if grpc-js
// changes it. Everything else the plugin uses is grpc-js's public API.
//
// A check that fails is reported once per Stats through its diagnostics:
// counter `grpc.internalUnavailable.<name>` (1) and one process warning. The
// plugin then takes the fallback; it never throws.

/** One relied-upon grpc-js internal. */
export interface GrpcJsInternal {
  readonly name: InternalName;
  readonly what: string;
  readonly verified: string;
  readonly guard: string;
  readonly fallback: string;
  readonly test: string;
}

export type InternalName = 'clientAttachment' | 'serverStream' | 'serverSerializeInline' | 'serverDeserializeFirst' | 'statusMetadataWrite' | 'metadataEntries'
  // gRFC A66 (grpcjs/a66-attempts.ts, grpcjs/a66-server.ts, a66-client.ts)
  | 'clientAttempts' | 'clientStubs' | 'serverReceivedFrames' | 'serverUnknownMethods';

const VERIFIED = '1.10.12, 1.11.4, 1.12.7, 1.13.7, 1.14.7';

/** The table: docs/design.md lists the same entries. */
export const INTERNALS: readonly GrpcJsInternal[] = Object.freeze([
  {
    name: 'clientAttachment',
    what: 'A channel Call (ResolvingCall) keeps `child` (a RetryingCall with `underlyingCalls[].call`, or a LoadBalancingCall); a LoadBalancingCall keeps `child`, its SubchannelCall, once the call got a connection. Tells whether a failed call\'s messages ever left the process.',
    verified: VERIFIED,
    guard: 'the fields exist with those shapes (an own `child` property that is null or an object)',
    fallback: 'the public getPeer(): a peer other than the channel target or "unknown" means attached; a call that received headers or a status with trailers is attached. Wrong only for failed calls without response headers on grpc-js < 1.13, whose getPeer() forgets the attempt.',
    test: 'test/grpc/endings.test.ts ("nothing listens", every error ending); test/grpc/internals.test.ts (fallback)',
  },
  {
    name: 'serverStream',
    what: 'The base server call (BaseServerInterceptingCall) keeps its http2 stream as `stream`; ServerInterceptingCall keeps the next call as `nextCall`. Node\'s public `sentHeaders`/`sentTrailers` of that stream hold the grpc-status written: the status the client receives.',
    verified: VERIFIED,
    guard: 'walking `nextCall` reaches an object whose `stream` has `respond` and `sendTrailers` functions',
    fallback: 'the status the handler handed down, known to be written when grpc-js turned its metadata into headers (statusMetadataWrite); otherwise CANCELLED, or DEADLINE_EXCEEDED once the deadline passed. Wrong for statuses grpc-js writes by itself (size limits, a second answer).',
    test: 'test/grpc/endings.test.ts (double answer, size limits, deadline); test/grpc/internals.test.ts (fallback)',
  },
  {
    name: 'serverSerializeInline',
    what: 'The base server call runs responseSerialize synchronously inside sendMessage, so the size of the Buffer it produced is known when the interceptor\'s next.sendMessage returns.',
    verified: VERIFIED,
    guard: 'a size was noted during next.sendMessage while the stream was still open',
    fallback: 'sent byte sizes unknown (NaN): the sent_bytes views get no value for such RPCs',
    test: 'test/grpc/endings.test.ts (sent_bytes_per_rpc); test/grpc/internals.test.ts (fallback)',
  },
  {
    name: 'serverDeserializeFirst',
    what: 'The base server call runs requestDeserialize before the message reaches the interceptors, so its size can be found by the message object.',
    verified: VERIFIED,
    guard: 'a size is found for each message of a method whose serializers createServer wrapped',
    fallback: 'received byte sizes unknown (NaN): the received_bytes views get no value for such RPCs',
    test: 'test/grpc/endings.test.ts (received_bytes_per_rpc); test/grpc/internals.test.ts (fallback)',
  },
  {
    name: 'statusMetadataWrite',
    what: 'The base server call turns the status metadata (1.10–1.13) or its clone (1.14) into HTTP/2 headers exactly when it writes the status. Used only where serverStream is unavailable.',
    verified: VERIFIED,
    guard: 'none needed: when it never happens the status counts as not written',
    fallback: 'CANCELLED, or DEADLINE_EXCEEDED once the deadline passed',
    test: 'test/grpc/internals.test.ts (serverStream fallback)',
  },
  {
    name: 'metadataEntries',
    what: 'Metadata keeps its entries in `internalRepr`, a Map from each lower-case key to the array of values get() returns. The plugin reads the one header it looks up on every RPC (grpc-tags-bin on the server, grpc-server-stats-bin in a client\'s trailers) from it: get() allocates 32 bytes per lookup (a lower-cased copy of the key), 64 when the key is missing, as it is on most RPCs.',
    verified: VERIFIED,
    guard: '`internalRepr` is a Map (checked on every read)',
    fallback: 'the public get(): the same values, 64 bytes more per RPC',
    test: 'test/grpc/propagation.test.ts (tags from grpc-tags-bin); test/grpc/server-latency.test.ts (the trailer); test/grpc/internals.test.ts (fallback)',
  },
  {
    name: 'clientAttempts',
    what: 'A grpc-js Channel keeps its InternalChannel as `internalChannel`, which creates every call attempt (retries, hedges, transparent retries; 1.10–1.12 also with retries disabled) through its own method createLoadBalancingCall(callConfig, method, …), called on the instance. The LoadBalancingCall it returns gets the framed, compressed messages (5-byte header + wire bytes) in sendMessageWithContext, gives them to its listener\'s onReceiveMessage, ends with its own status, and keeps its transport stream as `child` once it has one. A66 overrides createLoadBalancingCall on the one InternalChannel of a channel it wraps (never the prototype).',
    verified: VERIFIED,
    guard: '`internalChannel.createLoadBalancingCall` is a function and returns an object with start and sendMessageWithContext; every message is checked to be a gRPC frame (its header length equals its length − 5)',
    fallback: 'each call counts as one attempt, started with the call, sized with the serialized (uncompressed) messages the channel wrapper sees: exact without retries and compression. A message that is not a gRPC frame leaves its attempt\'s sizes unrecorded.',
    test: 'test/grpc/a66-client.test.ts (retry policy: 3 attempts, gzip sizes, nothing listens); test/grpc/a66-fallbacks.test.ts',
  },
  {
    name: 'clientStubs',
    what: 'grpc-js calls ClientOptions.callInvocationTransformer as a method of the client (`this` is the Client), whose class made by makeClientConstructor/loadPackageDefinition lists its methods in the public static `service`. A66 records a method by name only when the stub declares it (grpc-go\'s rule); a plain grpc.Client\'s calls are generic ("other").',
    verified: VERIFIED,
    guard: '`this` is an object',
    fallback: 'every method counts as declared: names are recorded (subject to methodAttributeFilter), generic calls included',
    test: 'test/grpc/a66-client.test.ts (grpc.method "other" for generic calls); test/grpc/a66-fallbacks.test.ts',
  },
  {
    name: 'serverReceivedFrames',
    what: 'The base server call (BaseServerInterceptingCall) passes every gRPC frame it reads, in arrival order, to its own method decompressMessage(frame, encoding) before deserializing it; it is the call the interceptor nearest the wire gets, or is found below other interceptors through their `nextCall` (as serverStream walks). A66 overrides decompressMessage on the one call object to note each frame\'s compressed size. grpc-js servers never compress responses (flag 0 in every version), so sent sizes need no internal.',
    verified: VERIFIED,
    guard: 'a call with a decompressMessage function is at or below the interceptor (walking `nextCall`); every frame is checked to be a gRPC frame',
    fallback: 'received sizes are the serialized (uncompressed) sizes: exact unless the client compressed; unknown (not recorded) where those are unknown',
    test: 'test/grpc/a66-server.test.ts (gzip request sizes); test/grpc/a66-fallbacks.test.ts',
  },
  {
    name: 'serverUnknownMethods',
    what: 'A call to a path no service registered never reaches interceptors: the Server answers UNIMPLEMENTED from its own method _respondWithError, called on the instance, only for that case (1.10–1.14). A66 overrides it on the createServer() instance to record such calls as grpc.method "other".',
    verified: VERIFIED,
    guard: '`server._respondWithError` is a function',
    fallback: 'calls to unknown methods are not recorded (as with serverInterceptor() alone)',
    test: 'test/grpc/a66-server.test.ts (unknown method → "other"); test/grpc/a66-fallbacks.test.ts',
  },
] satisfies GrpcJsInternal[]);

const disabled = new Set<InternalName>();

/**
 * @internal Tests only: which internals behave as missing (read on hot
 * paths, hence plain fields rather than a lookup).
 */
export const simulated: Record<InternalName, boolean> = {
  clientAttachment: false,
  serverStream: false,
  serverSerializeInline: false,
  serverDeserializeFirst: false,
  statusMetadataWrite: false,
  metadataEntries: false,
  clientAttempts: false,
  clientStubs: false,
  serverReceivedFrames: false,
  serverUnknownMethods: false,
};

/** @internal Tests only: behave as if grpc-js lacked `name` (`missing` false restores it). */
export function simulateMissingInternal(name: InternalName, missing = true): void {
  simulated[name] = missing;
  if (missing) disabled.add(name);
  else disabled.delete(name);
}

/** Reports, once per `diagnostics`, that the internal `name` is unavailable and its fallback is in use. */
export function reportUnavailable(diagnostics: Diagnostics, name: InternalName): void {
  const counter = `grpc.internalUnavailable.${name}`;
  if (diagnostics.get(counter) !== 0) return;
  diagnostics.increment(counter);
  const entry = INTERNALS.find((i) => i.name === name)!;
  diagnostics.warnOnce(
    'grpc.internalUnavailable',
    `grpc-census: this @grpc/grpc-js lacks what the plugin reads as "${name}" (${VERIFIED} have it); falling back: ${entry.fallback}`,
  );
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object';

/**
 * clientAttachment: whether the channel Call `call` was ever attached to a
 * connection; undefined when the fields are not there (use the fallback).
 */
export function clientCallAttached(call: unknown): boolean | undefined {
  if (disabled.has('clientAttachment') || !isObj(call) || !('child' in call)) return undefined;
  const child = call.child;
  if (child === null) return false;
  if (!isObj(child)) return undefined;
  const attempts = child.underlyingCalls;
  if (Array.isArray(attempts)) return attempts.some((a) => isObj(a) && isObj(a.call) && isObj(a.call.child));
  if (!('child' in child)) return undefined;
  return isObj(child.child);
}

/**
 * serverStream's walk: the first value `visit` returns for a call object at or
 * below the server call `call`, following grpc-js's ServerInterceptingCall
 * `nextCall` (at most 64 deep); undefined when it returns none.
 */
export function findServerCallBelow<T>(call: unknown, visit: (call: Obj) => T | undefined): T | undefined {
  let c = call;
  for (let depth = 0; depth < 64 && isObj(c); depth++) {
    const found = visit(c);
    if (found !== undefined) return found;
    c = c.nextCall;
  }
  return undefined;
}

/** serverStream: the http2 stream of the base server call `call`; undefined for any other call object, or when unavailable. */
export function ownHttp2Stream(call: Obj): Http2Stream | undefined {
  if (disabled.has('serverStream')) return undefined;
  const stream = call.stream;
  return isObj(stream) && typeof stream.respond === 'function' && typeof stream.sendTrailers === 'function' ? (stream as unknown as Http2Stream) : undefined;
}

const NO_VALUES: MetadataValue[] = [];
Object.freeze(NO_VALUES);

/**
 * metadataEntries: the values of the lower-case `key` in `metadata`, as its
 * get() returns them (never to be changed), without allocating.
 */
export function metadataValues(metadata: Metadata, key: string, diagnostics: Diagnostics): readonly MetadataValue[] {
  if (!simulated.metadataEntries) {
    const entries = (metadata as unknown as { internalRepr?: unknown }).internalRepr;
    if (entries instanceof Map) return (entries.get(key) as MetadataValue[] | undefined) ?? NO_VALUES;
  }
  reportUnavailable(diagnostics, 'metadataEntries');
  return metadata.get(key);
}
