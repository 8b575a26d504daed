import type { ClientOptions, ChannelCredentials, ChannelInterface, CallProperties } from '@grpc/grpc-js';
import { describeValue } from '../../internal/ascii';
import { methodInfo } from '../method-info';
import { Plugin } from '../plugin';
import type { PluginOptions } from '../types';
import { CensusChannel } from './client-channel';
import { grpcJs } from './load';

/**
 * Client options that measure every call of a client, complete: exact
 * message sizes, every final status, tag propagation and server latency.
 * Pass the result as a client's third constructor argument. Your own client
 * options (grpc channel options such as `grpc.keepalive_time_ms`,
 * `interceptors`, …) go in `base`; they are kept (a `channelOverride` or
 * `channelFactoryOverride` is wrapped, a `callInvocationTransformer` still
 * runs first). grpc-js is not patched; per-call `interceptors` cannot turn
 * the measurements off. Throws `TypeError` for an unknown plugin option
 * (naming it) and an Error saying what to install when @grpc/grpc-js is missing.
 */
export function clientOptions(options?: PluginOptions, base: ClientOptions = {}): ClientOptions {
  const plugin = new Plugin(options, 'clientOptions');
  if (base === null || typeof base !== 'object' || Array.isArray(base)) {
    throw new TypeError(`clientOptions: the second argument must be grpc-js ClientOptions (an object), got ${describeValue(base)}`);
  }
  const out: ClientOptions = { ...base };
  const userTransformer = base.callInvocationTransformer;
  // The channel sees only a path; this learns each method's streaming kind for RpcInfo.
  // grpc-js calls the transformer as a method of the client: `this` tells A66
  // whether the call goes through a stub that declares its method.
  out.callInvocationTransformer = function censusTransformer(this: unknown, props: CallProperties<unknown, unknown>) {
    // Every census layer of the channel learns it (a stacked inner layer is the one that measures).
    for (let channel: unknown = props.channel; channel instanceof CensusChannel; channel = channel.inner) channel.a66?.learnClient(this);
    const result = userTransformer ? userTransformer.call(this, props) : props;
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
    const Channel = factory ? undefined : grpcJs('clientOptions()').Channel;
    out.channelFactoryOverride = (address: string, credentials: ChannelCredentials, channelOptions: ClientOptions): ChannelInterface =>
      new CensusChannel(
        factory ? factory(address, credentials, channelOptions) : new Channel!(address, credentials, channelOptions),
        plugin,
        maxSendLength(channelOptions),
        address,
      );
  }
  return out;
}

/** The channel option grpc-js's compression filter enforces on every message sent; -1 when unlimited. */
function maxSendLength(channelOptions: ClientOptions): number {
  const value = channelOptions['grpc.max_send_message_length'];
  return typeof value === 'number' && value >= 0 ? value : -1;
}
