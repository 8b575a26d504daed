import type { Metadata } from '@grpc/grpc-js';
import { encodeTags } from '../tags';
import type { TagMap } from '../tags';
import type { Diagnostics } from '../views';
import type { Stats } from '../views';
import { resolveOptions } from './plugin-options';
import { reportUnavailable } from './grpcjs/internals';
import { A66Sink } from './rpc/a66-sink';
import { HandlersSink } from './rpc/handlers-sink';
import { FanOutSink, type RpcSink } from './rpc/sink';
import { ViewsSink } from './rpc/views-sink';
import type { PluginOptions } from './types';

/** The header that carries the caller's tags (OpenCensus binary format). */
export const TAGS_HEADER = 'grpc-tags-bin';

/**
 * Resolved `PluginOptions`, shared by every RPC of one `clientOptions()`,
 * `createServer()` or interceptor: where to record (the sink, chosen once
 * here), and the isolation of everything that could throw.
 */
export class Plugin {
  readonly stats: Stats;
  readonly diagnostics: Diagnostics;
  /** Where every RPC of this plugin goes; see `chooseSink`. */
  readonly sink: RpcSink;
  /** Server: whether handler code runs in the RPC's tag context (`PluginOptions.handlerTagContext`). */
  readonly handlerTagContext: boolean;
  /** Server: whether statuses carry `grpc-server-stats-bin` (`PluginOptions.serverStatsTrailer`). */
  readonly serverStatsTrailer: boolean;
  /** A66: false for a method whose `grpc.method` attribute is "other". */
  readonly methodAttributeFilter: ((fullMethod: string) => boolean) | undefined;
  /** The gRFC A66 views' sink, beside the OpenCensus views (undefined with user `handlers`). */
  readonly a66: A66Sink | undefined;
  private lastTags: TagMap | undefined;
  private lastEncoded: Buffer | undefined;

  /** Throws `TypeError` naming `where` and the option for misconfiguration, as grpc-js does. */
  constructor(options: PluginOptions | undefined, where: string) {
    const o = resolveOptions(options, where);
    this.stats = o.stats;
    this.diagnostics = o.stats.diagnostics;
    this.handlerTagContext = o.handlerTagContext;
    this.serverStatsTrailer = o.serverStatsTrailer;
    this.methodAttributeFilter = o.methodAttributeFilter;
    this.a66 = o.handlers === undefined ? new A66Sink({ stats: this.stats, methodAttributeFilter: this.methodAttributeFilter, internalError: (err) => this.internalError(err), unavailable: (name) => reportUnavailable(this.diagnostics, name) }) : undefined;
    this.sink = chooseSink(this, o.handlers);
  }

  /** `metadata` with `grpc-tags-bin` set to `tags` (a copy: the caller's object is never changed); `metadata` itself when `tags` is empty or cannot be encoded. */
  withTagsHeader(metadata: Metadata, tags: TagMap): Metadata {
    if (tags.size === 0) return metadata;
    let encoded = tags === this.lastTags ? this.lastEncoded : undefined;
    if (encoded === undefined) {
      try {
        encoded = encodeTags(tags);
      } catch (err) {
        this.diagnostics.increment('grpc.tagsEncodeFailed');
        this.diagnostics.warnOnce('grpc.tagsEncodeFailed', `grpc-census: tags not propagated (later failures are only counted): ${String(err)}`);
        return metadata;
      }
      this.lastTags = tags;
      this.lastEncoded = encoded;
    }
    const copy = metadata.clone();
    copy.set(TAGS_HEADER, encoded);
    return copy;
  }

  /** Counts and warns once about an unexpected failure inside the plugin, which is then ignored. */
  internalError(err: unknown): void {
    this.diagnostics.increment('grpc.internalErrors');
    this.diagnostics.warnOnce('grpc.internalErrors', `grpc-census: internal error ignored (later ones are only counted): ${String(err)}`);
  }

  /** Counts and warns once about a StatsHandler that threw. */
  handlerFailed(err: unknown): void {
    this.diagnostics.increment('grpc.handlerErrors');
    this.diagnostics.warnOnce('grpc.handlerErrors', `grpc-census: a StatsHandler threw (later failures are only counted): ${String(err)}`);
  }

  /** Counts and warns once about a second census layer on a call this one already measures (it then measures nothing). */
  stackedLayer(side: 'client' | 'server'): void {
    this.diagnostics.increment('grpc.stackedLayers');
    this.diagnostics.warnOnce(
      'grpc.stackedLayers',
      `grpc-census: two census layers on one ${side} call (e.g. ${side === 'client' ? 'clientOptions() plus clientInterceptor()' : 'createServer() plus serverInterceptor()'}); the second measures nothing (later ones are only counted)`,
    );
  }
}

/**
 * The sink of every RPC of `plugin`, picked once: the user's handlers when
 * given, else the built-in OpenCensus views. Further sinks (the A66 views)
 * join through `FanOutSink`, fed by the same `Rpc` in the same pass.
 */
function chooseSink(plugin: Plugin, handlers: ResolvedHandlers): RpcSink {
  const sinks: RpcSink[] = [handlers === undefined ? new ViewsSink(plugin.stats) : new HandlersSink(handlers, (err) => plugin.handlerFailed(err))];
  if (plugin.a66 !== undefined) sinks.push(plugin.a66);
  return sinks.length === 1 ? sinks[0] : new FanOutSink(sinks, (err) => plugin.internalError(err));
}

type ResolvedHandlers = ReturnType<typeof resolveOptions>['handlers'];
