import type { Metadata, status } from '@grpc/grpc-js';
import type { Stats } from '../views';

/** What a stats handler learns about an RPC when it starts. One shared, frozen object per method and side. */
export interface RpcInfo {
  /** The method path as grpc-js sends it: `/pkg.Service/Method`. */
  readonly fullMethod: string;
  /** True on the client side, false on the server side. */
  readonly client: boolean;
  readonly clientStreaming: boolean;
  readonly serverStreaming: boolean;
}

/**
 * One event of an RPC, in the order documented in docs/grpc.md. `time` is a
 * `performance.now()` timestamp (ms). A payload's `length` is the size of the
 * serialized, uncompressed message; it is `NaN` where the size is not known
 * (the composable interceptors used alone).
 */
export type RpcEvent =
  | { readonly type: 'begin'; readonly time: number }
  | { readonly type: 'outHeader' | 'inHeader'; readonly metadata: Metadata }
  | { readonly type: 'outPayload' | 'inPayload'; readonly length: number; readonly time: number }
  | { readonly type: 'inTrailer' | 'outTrailer'; readonly metadata: Metadata }
  | {
      readonly type: 'end';
      readonly code: status;
      readonly details: string;
      readonly time: number;
      /**
       * Client side, with `clientOptions()`: false when grpc-js never attached
       * the call to a connection (e.g. UNAVAILABLE because nothing listens), so
       * the messages of its `outPayload` events never left the process.
       * opencensus-go records 0 sent messages and bytes for such an RPC, and so
       * do the views. Undefined where it is not known.
       */
      readonly connected?: boolean;
    };

/**
 * Per-RPC stats hooks, like grpc-go's `stats.Handler`. `tagRpc` runs once per
 * RPC, before `begin`, inside the RPC's tag context (`currentTags()` is the
 * caller's tags on the client, the propagated tags plus `grpc_server_method`
 * on the server); what it returns is passed to every `handleRpc` of that RPC.
 * Handlers must treat metadata as read-only. A handler that throws is
 * isolated: counted in `stats.diagnostics` as `grpc.handlerErrors`, warned
 * about once, and the RPC and other handlers go on.
 */
export interface StatsHandler<S = unknown> {
  tagRpc(info: RpcInfo): S;
  handleRpc(state: S, event: RpcEvent): void;
}


/**
 * Options of every plugin entry point. An unknown key, a grpc-js option put
 * here by mistake, or a value of the wrong type is a `TypeError` naming the
 * entry point and the option, thrown when the entry point is called.
 */
export interface PluginOptions {
  /** Where the built-in OpenCensus views handler records, and where diagnostics go. Default: the process-wide `stats`. */
  stats?: Stats;
  /**
   * Exactly these handlers run, instead of the built-in views handler (include
   * `new ViewsStatsHandler(stats)` to keep the views). Either method may be
   * left out: `tagRpc` then returns undefined and `handleRpc` does nothing.
   */
  handlers?: Partial<StatsHandler<any>>[]; // eslint-disable-line @typescript-eslint/no-explicit-any
  /**
   * Server side: run the method handler, its stream callbacks and their async
   * continuations in the RPC's tag context (`currentTags()` = the caller's
   * tags plus `grpc_server_method`). Default true. `false` is an opt-out for
   * servers whose handlers never read the tag context: the views still get
   * the propagated tags, but no AsyncLocalStorage is entered, which on
   * Node < 22 spares every RPC of the process the async hooks it enables
   * (see docs/grpc.md).
   */
  handlerTagContext?: boolean;
  /**
   * Server side: send the server's elapsed time in a `grpc-server-stats-bin`
   * trailer (gRPC C++'s 10-byte form) with every status, for clients to
   * record `grpc.io/client/server_latency`. Default **false**: opencensus-go
   * and grpc-java never send it, gRFC A66 dropped server latency, and it
   * costs every RPC on both sides (see docs/benchmarks.md, 2g). Clients
   * always decode it from any server that sends it, whatever this says.
   */
  serverStatsTrailer?: boolean;
  /**
   * gRFC A66 views: which methods keep their name in `grpc.method`. Called
   * with the path as grpc-js sends it (`/pkg.Service/Method`, like
   * `RpcInfo.fullMethod` and grpc-go's filter), once per method and channel
   * or server (the answer is cached); `false` records "other". Client: it
   * decides for every method, generic calls included (`() => true` names
   * them all). Server: it decides for registered methods; unknown paths
   * are always "other". Default: stub-declared and registered methods keep
   * their name, generic calls and unknown paths are "other". A filter that
   * throws means "other". The OpenCensus views ignore it.
   */
  methodAttributeFilter?: (fullMethod: string) => boolean;
}
