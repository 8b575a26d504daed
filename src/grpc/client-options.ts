import type { ClientOptions, ChannelCredentials, ChannelInterface, CallProperties } from '@grpc/grpc-js';
import { CensusChannel } from './client-channel';
import { grpcJs } from './grpc-js';
import { methodInfo } from './method-info';
import { Plugin } from './plugin';
import type { PluginOptions } from './types';

/**
 * Client options that measure every call of a client, complete: exact
 * message sizes, every final status, tag propagation and server latency.
 * Pass the result as a client's third constructor argument. Your own client
 * options go in `base`; they are kept (a `channelOverride` or
 * `channelFactoryOverride` is wrapped, a `callInvocationTransformer` still
 * runs first). grpc-js is not patched; per-call `interceptors` cannot turn
 * the measurements off.
 */
export function clientOptions(options?: PluginOptions, base: ClientOptions = {}): ClientOptions {
  const plugin = new Plugin(options);
  const out: ClientOptions = { ...base };
  const userTransformer = base.callInvocationTransformer;
  // The channel sees only a path; this learns each method's streaming kind for RpcInfo.
  out.callInvocationTransformer = (props: CallProperties<unknown, unknown>) => {
    const result = userTransformer ? userTransformer(props) : props;
    try {
      const def = result.methodDefinition;
      methodInfo(true, def.path, def.requestStream, def.responseStream);
    } catch (err) {
      plugin.internalError(err);
    }
    return result;
  };
  if (base.channelOverride) {
    out.channelOverride = new CensusChannel(base.channelOverride, plugin);
  } else {
    const factory = base.channelFactoryOverride;
    out.channelFactoryOverride = (address: string, credentials: ChannelCredentials, channelOptions: ClientOptions): ChannelInterface =>
      new CensusChannel(
        factory ? factory(address, credentials, channelOptions) : new (grpcJs().Channel)(address, credentials, channelOptions),
        plugin,
      );
  }
  return out;
}
