import type { AsyncResource } from 'node:async_hooks';
import type { Http2Stream } from 'node:http2';
import type { Metadata, ServerInterceptingCallInterface } from '@grpc/grpc-js';
import { TagMap, runInTagContext, type TagContextTarget } from '../../tags';
import type { MethodInfo } from '../method-info';
import type { Plugin } from '../plugin';
import { Rpc } from '../rpc/rpc';
import { propagatedTags } from '../server-tags';
import { Code } from '../spec/status-names';
import { findServerCallBelow, ownHttp2Stream, reportUnavailable, simulated } from './internals';
import { grpcJs } from './load';
import { endReset } from './server-reset';
import { NOT_SERIALIZED, SERIALIZE_FAILED, receivedSize, resetSerialized, takeSerialized } from './message-sizes';
import { statusTrailers, wasSent, withServerStats } from './status-trailers';
import { streamFinished, writtenCode, writtenDetails } from './wire-status';

type InterceptingServerListener = Parameters<ServerInterceptingCallInterface['start']>[0];
type PartialStatus = Parameters<ServerInterceptingCallInterface['sendStatus']>[0];

// What `deliver` hands to the listener inside the RPC's tag context.
const METADATA = 0;
const MESSAGE = 1;
const HALF_CLOSE = 2;
const CANCEL = 3;

/**
 * The listener once every event is delivered. grpc-js's base call points at
 * this layer until V8 collects it, often from the old generation: the
 * handler's call objects must not live that long (benchmarks.md, promoted bytes).
 */
const DELIVERED: InterceptingServerListener = { onReceiveMetadata() {}, onReceiveMessage() {}, onReceiveHalfClose() {}, onCancel() {} };

/** What the walk in the constructor finds when another census layer is below. */
const STACKED = true;

/**
 * A server call that measures the call below it: grpc-js's
 * ServerInterceptingCallInterface, its own listener, and the call's `Rpc`
 * (the state machine it extends): one object per call.
 * The RPC ends with the status written on the HTTP/2 stream (what the client
 * receives), read when grpc-js reports the call over (`onCancel`, called for
 * every call since 1.10) or, if a status is still on its way then, when the
 * stream closes. A reset stream ends by `endReset`. Without a visible stream
 * (internals: serverStream) the status handed down counts once written.
 */
export class CensusServerCall extends Rpc<Plugin> implements ServerInterceptingCallInterface, InterceptingServerListener, TagContextTarget {
  private listener: InterceptingServerListener | undefined;
  /** The HTTP/2 stream, when visible. */
  private readonly stream: Http2Stream | undefined;
  /** A status grpc-js will send by itself (a response it failed to serialize); fallback mode only. */
  private failedCode = -1;
  /** The first status this layer handed down (when: `endTime`, set then). */
  private handed: PartialStatus | undefined;
  private metadataSent = false;
  /** The next delivery in the tag context (see `inContext`). */
  private op = METADATA;
  private opArg: unknown;
  /** @internal The RPC's tag context once entered (see `runInTagContext`). */
  tagContext: AsyncResource | undefined = undefined;

  constructor(
    private readonly next: ServerInterceptingCallInterface,
    plugin: Plugin,
    info: MethodInfo,
    /** createServer wrapped this method's serializers: sizes are known. */
    private readonly sized: boolean,
  ) {
    super(plugin, info, TagMap.EMPTY);
    // The RPC starts when the call arrives (begin keeps this time).
    this.startTime = performance.now();
    // One walk down the calls below: another census layer (nearer the wire,
    // so it measures and this one steps aside), or the base call's stream.
    const below = findServerCallBelow(next, layerOrStream);
    if (below === STACKED) {
      this.detach();
      plugin.stackedLayer('server');
      this.stream = undefined;
      return;
    }
    this.stream = below;
    if (this.stream === undefined) reportUnavailable(plugin.diagnostics, 'serverStream');
  }

  start(listener: InterceptingServerListener): void {
    this.listener = listener;
    this.next.start(this);
  }

  onReceiveMetadata(metadata: Metadata): void {
    if (this.detached) return this.listener!.onReceiveMetadata(metadata);
    this.beginOnce(metadata);
    this.header(false, metadata);
    // Handler code runs in the RPC's tag context. A streaming-request handler
    // starts here and sees each message as a 'data' event; a unary-request
    // handler starts at half-close, so its metadata and message need no scope.
    if (this.info.clientStreaming) this.inContext(METADATA, metadata);
    else this.listener!.onReceiveMetadata(metadata);
  }

  onReceiveMessage(message: unknown): void {
    if (this.detached) return this.listener!.onReceiveMessage(message);
    this.payload(false, this.sized ? this.receivedSizeOf(message) : NaN);
    if (this.info.clientStreaming) this.inContext(MESSAGE, message);
    else this.listener!.onReceiveMessage(message);
  }

  onReceiveHalfClose(): void {
    if (this.detached) return this.listener!.onReceiveHalfClose();
    this.inContext(HALF_CLOSE, undefined);
  }

  onCancel(): void {
    if (this.detached) return this.listener!.onCancel();
    // Half-close is the last event grpc-js delivers before cancel, and cancel comes once.
    const lastEvent = this.op === HALF_CLOSE;
    if (this.active || !this.begun) {
      this.beginOnce(undefined);
      if (this.stream !== undefined) this.endFromStream(this.stream);
      else this.endFallback();
    }
    // The handler's 'cancelled' listeners run here.
    if (this.listener !== undefined) this.inContext(CANCEL, undefined);
    if (lastEvent) this.listener = DELIVERED;
  }

  sendMetadata(metadata: Metadata): void {
    this.metadataSent = true;
    this.header(true, metadata);
    this.next.sendMetadata(metadata);
  }

  sendMessage(message: unknown, callback: () => void): void {
    if (this.detached) return this.next.sendMessage(message, callback);
    // Stats handlers see outHeader before the first outPayload, as grpc-js's
    // own ServerInterceptingCall sends headers before a message. Without
    // handlers the base call sends its default headers itself, allocating
    // no Metadata.
    if (!this.metadataSent && this.plugin.sink.perMessage) this.sendMetadata(new (grpcJs().Metadata)());
    if (!this.sized) {
      this.payload(true, NaN);
      this.next.sendMessage(message, callback);
      return;
    }
    const stream = this.stream;
    const endedBefore = stream !== undefined && stream.writableEnded;
    resetSerialized();
    this.next.sendMessage(message, callback);
    const size = simulated.serverSerializeInline ? (takeSerialized(), NOT_SERIALIZED) : takeSerialized();
    // The stream ended during sendMessage: grpc-js sent a status instead of
    // the message (over grpc.max_send_message_length), so it was not sent.
    const refused = stream !== undefined && !endedBefore && (stream.writableEnded || writtenCode(stream) !== undefined);
    if (size >= 0 && !refused) this.payload(true, size);
    else if (size === SERIALIZE_FAILED) this.failedCode = Code.INTERNAL;
    else if (size === NOT_SERIALIZED && this.active && this.stream !== undefined && !streamFinished(this.stream)) {
      // The stream is open, yet grpc-js did not serialize inside sendMessage.
      reportUnavailable(this.plugin.diagnostics, 'serverSerializeInline');
      this.payload(true, NaN);
    }
    // Otherwise NOT_SERIALIZED: grpc-js dropped the message (the call is already over).
  }

  sendStatus(status: PartialStatus): void {
    if (this.detached || (this.begun && !this.active) || this.handed !== undefined) {
      this.next.sendStatus(status);
      return;
    }
    const now = performance.now();
    this.beginOnce(undefined);
    let out = status;
    try {
      const elapsedNs = this.plugin.serverStatsTrailer ? (now - this.startTime) * 1e6 : undefined;
      if (this.stream === undefined) out = { code: status.code, details: status.details, metadata: statusTrailers(status.metadata, elapsedNs) };
      else if (elapsedNs !== undefined) out = { code: status.code, details: status.details, metadata: withServerStats(status.metadata, elapsedNs) };
    } catch (err) {
      this.plugin.internalError(err);
    }
    this.handed = out;
    this.endTime = now;
    this.next.sendStatus(out);
    // Fallback: a trailers-only status is written at once; otherwise onCancel, which always follows, decides.
    if (this.stream === undefined && wasSent(out.metadata)) this.endHanded();
  }

  startRead(): void {
    this.next.startRead();
  }

  getPeer(): string {
    return this.next.getPeer();
  }

  getDeadline(): ReturnType<ServerInterceptingCallInterface['getDeadline']> {
    return this.next.getDeadline();
  }

  getHost(): string {
    return this.next.getHost();
  }

  getAuthContext(): ReturnType<ServerInterceptingCallInterface['getAuthContext']> {
    return this.next.getAuthContext();
  }

  getConnectionInfo(): ReturnType<ServerInterceptingCallInterface['getConnectionInfo']> {
    return this.next.getConnectionInfo();
  }

  getMetricsRecorder(): ReturnType<ServerInterceptingCallInterface['getMetricsRecorder']> {
    return this.next.getMetricsRecorder();
  }

  /** gRFC A66: the grpc-js call below the interceptor. */
  get a66Source(): unknown {
    return this.next;
  }

  /** Ends with the status written on `stream`; waits for the stream to close when one may still be written. */
  private endFromStream(stream: Http2Stream): void {
    const code = writtenCode(stream);
    if (code !== undefined) {
      const handed = this.handed;
      // The handler's own status went out: end at the moment it was handed down (the trailer's value).
      if (handed !== undefined && Number(handed.code) === code) this.endHanded();
      else this.end(code, writtenDetails(stream), performance.now());
    } else if (!streamFinished(stream)) {
      // grpc-js reports the call over before writing a status still queued
      // behind the response (a second answer to a unary call does that).
      stream.once('close', () => {
        if (!this.active) return;
        if (writtenCode(stream) !== undefined) this.endFromStream(stream);
        else endReset(this, this.next);
      });
    } else {
      endReset(this, this.next);
    }
  }

  /** Fallback (stream not visible): the status handed down if grpc-js wrote it, else a reset or grpc-js's own. */
  private endFallback(): void {
    if (this.handed !== undefined && wasSent(this.handed.metadata)) return this.endHanded();
    if (this.failedCode >= 0) return this.end(this.failedCode, 'Error serializing response', performance.now());
    endReset(this, this.next);
  }

  private endHanded(): void {
    if (!this.active) return;
    const status = this.handed!;
    if (status.metadata) this.trailer(true, status.metadata);
    this.end(status.code, status.details, this.endTime);
  }

  private receivedSizeOf(message: unknown): number {
    const size = simulated.serverDeserializeFirst ? NaN : receivedSize(message);
    if (size !== size) reportUnavailable(this.plugin.diagnostics, 'serverDeserializeFirst');
    return size;
  }

  /** Starts the RPC once: the tag context from `grpc-tags-bin` (none if `metadata` is undefined) plus the method. */
  private beginOnce(metadata: Metadata | undefined): void {
    if (this.begun) return;
    try {
      // One upsert (the method tag) per RPC, whatever the number of propagated tags.
      this.tags = this.info.withMethod(metadata === undefined ? this.tags : propagatedTags(metadata, this.plugin.diagnostics));
    } catch (err) {
      this.plugin.internalError(err);
    }
    this.begin(this.startTime);
  }

  /** Hands `op` to the listener inside the RPC's tag context (unless the plugin opted out of it). */
  private inContext(op: number, arg: unknown): void {
    this.op = op;
    this.opArg = arg;
    if (this.plugin.handlerTagContext) runInTagContext(this, this.tags);
    else this.deliver();
  }

  /** @internal Hands the pending op to the listener (see `inContext`). */
  deliver(): void {
    // Read before delivering: the listener may re-enter (startRead can push the next message synchronously).
    const op = this.op;
    const arg = this.opArg;
    this.opArg = undefined;
    const listener = this.listener!;
    if (op === MESSAGE) listener.onReceiveMessage(arg);
    else if (op === HALF_CLOSE) listener.onReceiveHalfClose();
    else if (op === CANCEL) listener.onCancel();
    else listener.onReceiveMetadata(arg as Metadata);
  }
}

/** The walk's visitor (one function, not a closure per call): another census layer, or the base call's stream. */
function layerOrStream(call: Record<string, unknown>): typeof STACKED | Http2Stream | undefined {
  return call instanceof CensusServerCall ? STACKED : ownHttp2Stream(call);
}
