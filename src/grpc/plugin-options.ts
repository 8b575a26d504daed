import { describeValue } from '../internal/ascii';
import { booleanOption, functionOption, optionsObject } from '../internal/options';
import { Stats, stats as defaultStats } from '../views';
import type { StatsHandler } from './types';

/** Every key `PluginOptions` has. */
export const PLUGIN_OPTION_KEYS: readonly string[] = Object.freeze(['stats', 'handlers', 'handlerTagContext', 'serverStatsTrailer', 'methodAttributeFilter']);

/** `PluginOptions` checked, with defaults applied. */
export interface ResolvedOptions {
  readonly stats: Stats;
  /** Undefined: the built-in views. */
  readonly handlers: readonly StatsHandler[] | undefined;
  readonly handlerTagContext: boolean;
  readonly serverStatsTrailer: boolean;
  readonly methodAttributeFilter: ((fullMethod: string) => boolean) | undefined;
}

// Keys a user may put in the plugin-options slot by mistake: grpc-js channel
// options ('grpc.keepalive_time_ms', 'grpc-node.…') and ClientOptions fields.
const GRPC_CLIENT_OPTION_KEYS = new Set(['interceptors', 'interceptor_providers', 'channelOverride', 'channelFactoryOverride', 'callInvocationTransformer']);

/**
 * Checks `options` for the entry point `where` (e.g. 'clientOptions') and
 * applies the defaults. Misuse is a `TypeError` that names the entry point
 * and the option, thrown at construction, as grpc-js does for its own.
 */
export function resolveOptions(options: unknown, where: string): ResolvedOptions {
  if (options !== null && typeof options === 'object' && !Array.isArray(options)) rejectGrpcOptions(options as object, where);
  const o = optionsObject(options, where, PLUGIN_OPTION_KEYS);
  const stats = o.stats ?? defaultStats;
  if (!(stats instanceof Stats)) throw new TypeError(`${where}: option stats must be a Stats, got ${describeValue(o.stats)}`);
  return {
    stats,
    handlers: handlersOption(o.handlers, where),
    handlerTagContext: booleanOption(o, 'handlerTagContext', where, true),
    // Off by default: opencensus-go and grpc-java never send it, gRFC A66 dropped it, and it costs every RPC.
    serverStatsTrailer: booleanOption(o, 'serverStatsTrailer', where, false),
    methodAttributeFilter: functionOption<(fullMethod: string) => boolean>(o, 'methodAttributeFilter', where),
  };
}

function rejectGrpcOptions(options: object, where: string): void {
  for (const key of Object.keys(options)) {
    if (!key.startsWith('grpc.') && !key.startsWith('grpc-node.') && !GRPC_CLIENT_OPTION_KEYS.has(key)) continue;
    const hint =
      where === 'clientOptions'
        ? `pass it in the second argument: clientOptions(pluginOptions, { ${JSON.stringify(key)}: … })`
        : where === 'createServer'
          ? `pass it beside census, not inside it: createServer({ ${JSON.stringify(key)}: …, census: { … } })`
          : 'pass it to grpc-js itself (client or server options), not to the plugin';
    throw new TypeError(`${where}: ${JSON.stringify(key)} is a grpc-js option, not a plugin option; ${hint}`);
  }
}

const noTag = (): undefined => undefined;
const noHandle = (): void => {};

function handlersOption(value: unknown, where: string): StatsHandler[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) throw new TypeError(`${where}: option handlers must be an array of StatsHandler objects, got ${describeValue(value)}`);
  return value.map((handler: unknown, i) => {
    if (handler === null || typeof handler !== 'object') {
      throw new TypeError(`${where}: handlers[${i}] must be a StatsHandler object ({ tagRpc?, handleRpc? }), got ${describeValue(handler)}`);
    }
    const h = handler as Partial<StatsHandler>;
    for (const name of ['tagRpc', 'handleRpc'] as const) {
      if (h[name] !== undefined && typeof h[name] !== 'function') {
        throw new TypeError(`${where}: handlers[${i}].${name} must be a function, got ${describeValue(h[name])}`);
      }
    }
    // Bound once here, so a handler object changed later cannot break the plugin.
    return {
      tagRpc: h.tagRpc ? h.tagRpc.bind(h) : noTag,
      handleRpc: h.handleRpc ? h.handleRpc.bind(h) : noHandle,
    };
  });
}
