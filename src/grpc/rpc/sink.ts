import type { Metadata } from '@grpc/grpc-js';
import type { TagMap } from '../../tags';
import type { Diagnostics } from '../../views';
import type { MethodInfo } from '../method-info';

/** What a sink reads of one RPC (implemented by `Rpc`). */
export interface Rpc {
  readonly info: MethodInfo;
  /** The RPC's tag context: the caller's tags (client); the propagated tags plus the method (server). */
  readonly tags: TagMap;
  readonly startTime: number;
  readonly endTime: number;
  readonly sentMessages: number;
  readonly sentBytes: number;
  readonly receivedMessages: number;
  readonly receivedBytes: number;
  /** Client: the server's latency from `grpc-server-stats-bin` (a sink that decodes the trailer sets it). */
  serverLatencyMs: number;
  readonly code: number;
  readonly details: string;
  readonly connected: boolean | undefined;
  /** gRFC A66: what the wiring gives the A66 sink (client: the channel's `A66Channel`; server: the grpc-js call below the interceptor). */
  readonly a66Source: unknown;
}

/** What an `Rpc` needs of its plugin. */
export interface RpcOwner {
  readonly sink: RpcSink;
  readonly diagnostics: Diagnostics;
  internalError(err: unknown): void;
}

/**
 * Where one RPC's measurements go. A plugin picks its sink once, when it is
 * built (`chooseSink`): the built-in OpenCensus views, the user's
 * `StatsHandler`s, or several sinks fed in one pass (`FanOutSink`, e.g. the
 * OpenCensus views beside the A66 views). `Rpc` calls it; nothing else does.
 *
 * The `Rpc` keeps the running totals (messages, bytes, start, end, status),
 * so a sink that only records at the end reads them in `end` and sets
 * `perMessage` false: then `header` and `payload` are never called, and a
 * message costs nothing beyond the `Rpc`'s own counters. `trailer` and `end`
 * are called once per RPC at most, whatever `perMessage` says.
 *
 * Every method may throw: `Rpc` isolates it (counted as
 * `grpc.internalErrors`). `S` is the sink's per-RPC state, returned by
 * `begin` and passed back on every later call for that RPC.
 */
export interface RpcSink<S = unknown> {
  /** Whether `header` and `payload` are wanted. */
  readonly perMessage: boolean;
  /** The RPC began (`rpc.startTime` is set; `rpc.tags` is its tag context). */
  begin(rpc: Rpc): S;
  /** Response or request headers: `out` true for the side's own outgoing headers. */
  header(state: S, rpc: Rpc, out: boolean, metadata: Metadata): void;
  /** One message; `length` is its serialized, uncompressed size (NaN when unknown). The `Rpc`'s totals already include it. */
  payload(state: S, rpc: Rpc, out: boolean, length: number, now: number): void;
  /** The trailers: received (client) or sent (server). */
  trailer(state: S, rpc: Rpc, out: boolean, metadata: Metadata): void;
  /** The RPC ended: `rpc.code`, `rpc.details`, `rpc.endTime` and the totals are final. */
  end(state: S, rpc: Rpc): void;
}

/**
 * The states of one RPC in a `FanOutSink`, made only when a sink after the
 * first has one. Otherwise the first sink's state stands alone: no array per
 * RPC while the further sinks have nothing to do (no A66 view registered).
 */
class FanOutStates {
  constructor(readonly states: unknown[]) {}
}

/** Sink `i`'s state within a `FanOutSink`'s per-RPC state. */
function stateAt(state: unknown, i: number): unknown {
  if (state instanceof FanOutStates) return state.states[i];
  return i === 0 ? state : undefined;
}

/** Several sinks fed by the same `Rpc`, in order, each isolated from the others' failures. */
export class FanOutSink implements RpcSink<unknown> {
  readonly perMessage: boolean;

  constructor(
    readonly sinks: readonly RpcSink[],
    private readonly failed: (err: unknown) => void,
  ) {
    this.perMessage = sinks.some((s) => s.perMessage);
  }

  begin(rpc: Rpc): unknown {
    let first: unknown;
    let states: unknown[] | undefined;
    for (let i = 0; i < this.sinks.length; i++) {
      let state: unknown;
      try {
        state = this.sinks[i].begin(rpc);
      } catch (err) {
        this.failed(err);
      }
      if (i === 0) first = state;
      else if (state !== undefined) (states ??= [first])[i] = state;
    }
    return states === undefined ? first : new FanOutStates(states);
  }

  header(state: unknown, rpc: Rpc, out: boolean, metadata: Metadata): void {
    for (let i = 0; i < this.sinks.length; i++) {
      const sink = this.sinks[i];
      if (!sink.perMessage) continue;
      try {
        sink.header(stateAt(state, i), rpc, out, metadata);
      } catch (err) {
        this.failed(err);
      }
    }
  }

  payload(state: unknown, rpc: Rpc, out: boolean, length: number, now: number): void {
    for (let i = 0; i < this.sinks.length; i++) {
      const sink = this.sinks[i];
      if (!sink.perMessage) continue;
      try {
        sink.payload(stateAt(state, i), rpc, out, length, now);
      } catch (err) {
        this.failed(err);
      }
    }
  }

  trailer(state: unknown, rpc: Rpc, out: boolean, metadata: Metadata): void {
    for (let i = 0; i < this.sinks.length; i++) {
      try {
        this.sinks[i].trailer(stateAt(state, i), rpc, out, metadata);
      } catch (err) {
        this.failed(err);
      }
    }
  }

  end(state: unknown, rpc: Rpc): void {
    for (let i = 0; i < this.sinks.length; i++) {
      try {
        this.sinks[i].end(stateAt(state, i), rpc);
      } catch (err) {
        this.failed(err);
      }
    }
  }
}
