import type { Metadata } from '@grpc/grpc-js';
import { encodeTags } from '../tags';
import type { TagMap } from '../tags';
import type { Diagnostics } from '../views';
import { Stats, stats as defaultStats } from '../views';
import type { PluginOptions, RpcEvent, RpcInfo, StatsHandler } from './types';

/** The header that carries the caller's tags (OpenCensus binary format). */
export const TAGS_HEADER = 'grpc-tags-bin';

/** Handler state meaning "tagRpc threw: skip this handler for this RPC". */
const FAILED = Symbol('grpc-census.failedHandler');

/**
 * Resolved `PluginOptions`, shared by every RPC of one `clientOptions()`,
 * `createServer()` or interceptor: where to record, which handlers run, and
 * the isolation of everything that could throw.
 */
export class Plugin {
  readonly stats: Stats;
  readonly diagnostics: Diagnostics;
  /** Undefined: the built-in views fast path (no events are built). */
  readonly handlers: readonly StatsHandler[] | undefined;
  /** Server: whether handler code runs in the RPC's tag context (`PluginOptions.handlerTagContext`). */
  readonly handlerTagContext: boolean;
  /** Server: whether statuses carry `grpc-server-stats-bin` (`PluginOptions.serverStatsTrailer`). */
  readonly serverStatsTrailer: boolean;
  private lastTags: TagMap | undefined;
  private lastEncoded: Buffer | undefined;

  /** Throws `TypeError` for misconfiguration (wrong `stats` or `handlers`), as grpc-js does. */
  constructor(options: PluginOptions = {}) {
    if (options === null || typeof options !== 'object') throw new TypeError('grpc-census: plugin options must be an object');
    if (options.stats !== undefined && !(options.stats instanceof Stats)) throw new TypeError('grpc-census: options.stats must be a Stats');
    this.stats = options.stats ?? defaultStats;
    this.diagnostics = this.stats.diagnostics;
    this.handlers = options.handlers === undefined ? undefined : options.handlers.map(withDefaults);
    this.handlerTagContext = booleanOption(options, 'handlerTagContext', true);
    this.serverStatsTrailer = booleanOption(options, 'serverStatsTrailer', true);
  }

  /** Calls every handler's `tagRpc`; a throwing one is skipped for this RPC. */
  tagRpc(info: RpcInfo): unknown[] {
    const handlers = this.handlers!;
    const states = new Array<unknown>(handlers.length);
    for (let i = 0; i < handlers.length; i++) {
      try {
        states[i] = handlers[i].tagRpc(info);
      } catch (err) {
        states[i] = FAILED;
        this.handlerFailed(err);
      }
    }
    return states;
  }

  /** Gives `event` to every handler whose `tagRpc` succeeded. */
  dispatch(states: unknown[], event: RpcEvent): void {
    const handlers = this.handlers!;
    for (let i = 0; i < handlers.length; i++) {
      if (states[i] === FAILED) continue;
      try {
        handlers[i].handleRpc(states[i], event);
      } catch (err) {
        this.handlerFailed(err);
      }
    }
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

  private handlerFailed(err: unknown): void {
    this.diagnostics.increment('grpc.handlerErrors');
    this.diagnostics.warnOnce('grpc.handlerErrors', `grpc-census: a StatsHandler threw (later failures are only counted): ${String(err)}`);
  }
}

/** A boolean option's value, `fallback` when absent; `TypeError` for anything but a boolean. */
function booleanOption(options: PluginOptions, name: 'handlerTagContext' | 'serverStatsTrailer', fallback: boolean): boolean {
  const value = options[name];
  if (value !== undefined && typeof value !== 'boolean') throw new TypeError(`grpc-census: options.${name} must be a boolean`);
  return value ?? fallback;
}

const noTag = (): undefined => undefined;
const noHandle = (): void => {};

function withDefaults(handler: Partial<StatsHandler>, i: number): StatsHandler {
  if (handler === null || typeof handler !== 'object') throw new TypeError(`grpc-census: handlers[${i}] must be an object`);
  for (const name of ['tagRpc', 'handleRpc'] as const) {
    if (handler[name] !== undefined && typeof handler[name] !== 'function') throw new TypeError(`grpc-census: handlers[${i}].${name} must be a function`);
  }
  return {
    tagRpc: handler.tagRpc ? (info) => handler.tagRpc!(info) : noTag,
    handleRpc: handler.handleRpc ? (state, event) => handler.handleRpc!(state, event) : noHandle,
  };
}
