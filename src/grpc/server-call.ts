import type { Metadata, ServerInterceptingCallInterface } from '@grpc/grpc-js';
import { withTags } from '../tags';
import { grpcJs } from './grpc-js';
import { NOT_SERIALIZED, SERIALIZE_FAILED, receivedSize, resetSerialized, takeSerialized } from './message-sizes';
import { Code } from './status-names';
import type { RpcTracker } from './rpc-tracker';
import { propagatedTags } from './server-tags';
import { statusTrailers, wasSent } from './status-trailers';
import { writtenStatus } from './wire-status';

type InterceptingServerListener = Parameters<ServerInterceptingCallInterface['start']>[0];
type PartialStatus = Parameters<ServerInterceptingCallInterface['sendStatus']>[0];

// The client's RST for an expired deadline can reach the server slightly
// before the server's own deadline timer fires.
const DEADLINE_SLACK_MS = 50;

// What `deliver` hands to the listener inside the RPC's tag context.
const METADATA = 0;
const MESSAGE = 1;
const HALF_CLOSE = 2;
const CANCEL = 3;

/**
 * A server call that measures the call below it. It implements grpc-js's
 * ServerInterceptingCallInterface and is its own listener (one object per
 * call). The RPC ends at the first of `sendStatus` and `onCancel`.
 */
export class CensusServerCall implements ServerInterceptingCallInterface, InterceptingServerListener {
  private listener: InterceptingServerListener | undefined;
  private readonly arrived = performance.now();
  /** A status grpc-js will send by itself (a response it failed to serialize). */
  private failedCode = -1;
  /** The status last handed down, and when. */
  private pending: PartialStatus | undefined;
  private pendingAt = 0;
  private metadataSent = false;
  /** The next delivery in the tag context (see `inContext`). */
  private op = METADATA;
  private opArg: unknown;
  /** `deliver` bound once per call, created on first use: one closure however many times the context is entered. */
  private deliverFn: (() => void) | undefined;

  constructor(
    private readonly next: ServerInterceptingCallInterface,
    private readonly rpc: RpcTracker,
    /** createServer wrapped this method's serializers: sizes are known. */
    private readonly sized: boolean,
  ) {}

  start(listener: InterceptingServerListener): void {
    this.listener = listener;
    this.next.start(this);
  }

  onReceiveMetadata(metadata: Metadata): void {
    this.begin(metadata);
    this.rpc.header(false, metadata);
    // Handler code runs in the RPC's tag context. A streaming-request handler
    // starts here and sees each message as a 'data' event; a unary-request
    // handler starts at half-close, so its metadata and message need no scope.
    if (this.rpc.info.clientStreaming) this.inContext(METADATA, metadata);
    else this.listener!.onReceiveMetadata(metadata);
  }

  onReceiveMessage(message: unknown): void {
    this.rpc.payload(false, this.sized ? receivedSize(message) : NaN);
    if (this.rpc.info.clientStreaming) this.inContext(MESSAGE, message);
    else this.listener!.onReceiveMessage(message);
  }

  onReceiveHalfClose(): void {
    this.inContext(HALF_CLOSE, undefined);
  }

  onCancel(): void {
    if (this.pending !== undefined && wasSent(this.pending.metadata)) {
      this.endWith(this.pending, this.pendingAt); // its trailers went out
    } else if (this.rpc.active || !this.rpc.begun) {
      // No status of the handler went out: a cancellation, an expired deadline
      // (grpc-js sends that status below the interceptors), or a status grpc-js sent itself.
      this.begin(undefined);
      const now = performance.now();
      const wire = writtenStatus(this.next);
      if (wire !== undefined) {
        this.rpc.end(wire.code, wire.details, now);
      } else {
        // Nothing written that we can see: the client reset the stream.
        const deadline = this.deadlineMs();
        const expired = deadline !== Infinity && Date.now() >= deadline - DEADLINE_SLACK_MS;
        const code = this.failedCode >= 0 ? this.failedCode : expired ? Code.DEADLINE_EXCEEDED : Code.CANCELLED;
        const details = code === Code.DEADLINE_EXCEEDED ? 'Deadline exceeded' : code === Code.CANCELLED ? 'Cancelled' : 'Error serializing response';
        this.rpc.end(code, details, now);
      }
    }
    // The handler's 'cancelled' listeners run here.
    if (this.listener !== undefined) this.inContext(CANCEL, undefined);
  }

  sendMetadata(metadata: Metadata): void {
    this.metadataSent = true;
    this.rpc.header(true, metadata);
    this.next.sendMetadata(metadata);
  }

  sendMessage(message: unknown, callback: () => void): void {
    // As grpc-js's own ServerInterceptingCall does: headers go out before the first message.
    if (!this.metadataSent) this.sendMetadata(new (grpcJs().Metadata)());
    if (!this.sized) {
      this.rpc.payload(true, NaN);
      this.next.sendMessage(message, callback);
      return;
    }
    resetSerialized();
    this.next.sendMessage(message, callback);
    const size = takeSerialized();
    // NOT_SERIALIZED: grpc-js dropped the message (the call is already over).
    if (size >= 0) this.rpc.payload(true, size);
    else if (size === SERIALIZE_FAILED) this.failedCode = Code.INTERNAL;
    else if (size !== NOT_SERIALIZED) this.rpc.plugin.internalError(new Error(`unexpected size ${size}`));
  }

  sendStatus(status: PartialStatus): void {
    if (!this.rpc.active && this.rpc.begun) {
      this.next.sendStatus(status);
      return;
    }
    const now = performance.now();
    this.begin(undefined);
    let out = status;
    try {
      const elapsedNs = this.rpc.plugin.serverStatsTrailer ? (now - this.arrived) * 1e6 : undefined;
      out = { code: status.code, details: status.details, metadata: statusTrailers(status.metadata, elapsedNs) };
    } catch (err) {
      this.rpc.plugin.internalError(err);
    }
    this.pending = out;
    this.pendingAt = now;
    this.next.sendStatus(out);
    // A trailers-only status is written at once. Otherwise grpc-js writes the
    // trailers later, or never if the call is over first (reset by the client,
    // or its deadline status already sent): onCancel, which always follows, decides.
    if (wasSent(out.metadata)) this.endWith(out, now);
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

  /** Starts the RPC once: the tag context from `grpc-tags-bin` (none if `metadata` is undefined) plus the method. */
  private begin(metadata: Metadata | undefined): void {
    if (this.rpc.begun) return;
    const rpc = this.rpc;
    try {
      rpc.tags = rpc.info.withMethod(metadata === undefined ? rpc.tags : propagatedTags(metadata, rpc.plugin.diagnostics));
    } catch (err) {
      rpc.plugin.internalError(err);
    }
    rpc.begin(this.arrived);
  }

  /** Hands `op` to the listener inside the RPC's tag context (unless the plugin opted out of it). */
  private inContext(op: number, arg: unknown): void {
    this.op = op;
    this.opArg = arg;
    if (this.rpc.plugin.handlerTagContext) withTags(this.rpc.tags, (this.deliverFn ??= () => this.deliver()));
    else this.deliver();
  }

  private deliver(): void {
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

  private endWith(status: PartialStatus, at: number): void {
    if (!this.rpc.active) return;
    if (status.metadata) this.rpc.trailer(true, status.metadata);
    this.rpc.end(status.code, status.details, at);
  }

  private deadlineMs(): number {
    const d = this.next.getDeadline();
    return d instanceof Date ? d.getTime() : d;
  }
}
