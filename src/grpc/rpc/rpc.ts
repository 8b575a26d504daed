import type { Metadata } from '@grpc/grpc-js';
import type { TagMap } from '../../tags';
import type { MethodInfo } from '../method-info';
import { isCanonical } from '../spec/status-names';
import type { Rpc as RpcRecord, RpcOwner } from './sink';

// The phases of an RPC. Every wiring (client channel wrapper, client
// interceptor, server interceptor) drives one `Rpc` per call through them:
//
//   CREATED ──begin──▶ ACTIVE ──header/payload/trailer…──▶ ACTIVE ──end──▶ ENDED
//      └──────────────────────────detach──────────────────────────────▶ DETACHED
//
// Events outside ACTIVE are ignored, so `begin` and `end` reach the sink
// exactly once each, in that order, whatever grpc-js calls twice or late.
const CREATED = 0;
const ACTIVE = 1;
const ENDED = 2;
const DETACHED = 3;

/**
 * One RPC on one side: the per-RPC state machine, its running totals, and
 * the sink chosen by the plugin (`plugin.sink`), fed in one pass. No method throws: a failing
 * sink is counted as `grpc.internalErrors` and the RPC goes on.
 */
export abstract class Rpc<P extends RpcOwner = RpcOwner> implements RpcRecord {
  /** `performance.now()` at `begin`. */
  startTime = 0;
  /** `performance.now()` at `end` (a wiring may set it before, to the moment it will end at). */
  endTime = 0;
  sentMessages = 0;
  /** Serialized, uncompressed bytes; NaN once any size was unknown. */
  sentBytes = 0;
  receivedMessages = 0;
  receivedBytes = 0;
  /** The final status code, as grpc-js delivered or wrote it (may be non-canonical: see `statusName`). */
  code = -1;
  details = '';
  // The client-only fields live in ClientRpc: a server call carries neither
  // (nor their cost: a number field that is not a small integer is a boxed
  // double of its own in every object).
  /** Client: the server's latency (ms) from a `grpc-server-stats-bin` trailer, NaN when none came. */
  declare serverLatencyMs: number;
  /**
   * Client, channel wrapper only: false when grpc-js never attached the call
   * to a connection, so its messages never left the process. Undefined where
   * it is not known.
   */
  declare connected: boolean | undefined;
  /** gRFC A66: see `RpcRecord.a66Source` (client: set by the wiring before `begin`; server: the call below). */
  abstract readonly a66Source: unknown;
  private phase = CREATED;
  private state: unknown;

  constructor(
    readonly plugin: P,
    readonly info: MethodInfo,
    /** The RPC's tag context: the caller's tags (client); the propagated tags plus the method (server, set before `begin`). */
    public tags: TagMap,
  ) {}

  /** `begin` ran (or the RPC was detached). */
  get begun(): boolean {
    return this.phase !== CREATED;
  }

  /** Between `begin` and `end`. */
  get active(): boolean {
    return this.phase === ACTIVE;
  }

  /** This layer measures nothing: another census layer already measures the same call. */
  get detached(): boolean {
    return this.phase === DETACHED;
  }

  begin(now: number): void {
    if (this.phase !== CREATED) return;
    this.phase = ACTIVE;
    this.startTime = now;
    try {
      this.state = this.plugin.sink.begin(this);
    } catch (err) {
      this.plugin.internalError(err);
    }
  }

  /** Stops measuring before `begin`: a second census layer on a call another one measures. */
  detach(): void {
    if (this.phase === CREATED) this.phase = DETACHED;
  }

  header(out: boolean, metadata: Metadata): void {
    if (this.phase !== ACTIVE || !this.plugin.sink.perMessage) return;
    try {
      this.plugin.sink.header(this.state, this, out, metadata);
    } catch (err) {
      this.plugin.internalError(err);
    }
  }

  /** A message: `length` is its serialized, uncompressed size, NaN when unknown. */
  payload(out: boolean, length: number): void {
    if (this.phase !== ACTIVE) return;
    if (out) {
      this.sentMessages++;
      this.sentBytes += length;
    } else {
      this.receivedMessages++;
      this.receivedBytes += length;
    }
    if (!this.plugin.sink.perMessage) return;
    try {
      this.plugin.sink.payload(this.state, this, out, length, performance.now());
    } catch (err) {
      this.plugin.internalError(err);
    }
  }

  trailer(out: boolean, metadata: Metadata): void {
    if (this.phase !== ACTIVE) return;
    try {
      this.plugin.sink.trailer(this.state, this, out, metadata);
    } catch (err) {
      this.plugin.internalError(err);
    }
  }

  /**
   * The RPC's final status. `connected === false` (client) means the messages
   * never left the process: the sent totals become 0, as opencensus-go
   * records them for such an RPC.
   */
  end(code: number, details: string, now: number, connected?: boolean): void {
    if (this.phase !== ACTIVE) return;
    this.phase = ENDED;
    this.code = code;
    this.details = details;
    this.endTime = now;
    if (connected !== undefined) this.connected = connected;
    if (connected === false) {
      this.sentMessages = 0;
      this.sentBytes = 0;
    }
    if (!isCanonical(code)) this.plugin.diagnostics.increment('grpc.nonCanonicalStatus');
    try {
      this.plugin.sink.end(this.state, this);
    } catch (err) {
      this.plugin.internalError(err);
    }
    this.state = undefined;
  }
}

/** An RPC on the client side: the fields only a client has (see `Rpc`). */
export abstract class ClientRpc<P extends RpcOwner = RpcOwner> extends Rpc<P> {
  a66Source: unknown = undefined;
  override serverLatencyMs = NaN;
  override connected: boolean | undefined = undefined;
}
