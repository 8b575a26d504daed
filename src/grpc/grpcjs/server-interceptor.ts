import type { ServerInterceptingCall, ServerInterceptingCallInterface, ServerInterceptor, ServerMethodDefinition } from '@grpc/grpc-js';
import { methodInfo } from '../method-info';
import { Plugin } from '../plugin';
import type { PluginOptions } from '../types';
import { isSized } from './message-sizes';
import { CensusServerCall } from './server-call';

/**
 * A server interceptor that measures every call to a registered method, for
 * users who assemble server options themselves: started and completed RPCs
 * with final status, latency, message counts and tag propagation (the
 * handler runs in the caller's tags). Byte sizes need the serializer
 * wrapping `createServer()` adds; without it they are absent from the views
 * and payload `length` is NaN. Calls to unknown methods never reach
 * interceptors. A second census layer on the same server (this interceptor
 * in a `createServer()`'s `interceptors`) measures nothing and counts
 * `grpc.stackedLayers` in diagnostics.
 */
export function serverInterceptor(options?: PluginOptions): ServerInterceptor {
  return interceptorFor(new Plugin(options, 'serverInterceptor'));
}

/** The interceptor for an already resolved plugin (createServer shares its plugin). */
export function interceptorFor(plugin: Plugin): ServerInterceptor {
  return (method: ServerMethodDefinition<unknown, unknown>, call: ServerInterceptingCallInterface): ServerInterceptingCall => {
    const info = methodInfo(false, method.path, method.requestStream, method.responseStream);
    const sized = isSized(method.responseSerialize) && isSized(method.requestDeserialize);
    // Implements ServerInterceptingCallInterface directly (all grpc-js uses),
    // saving the responder, listener and wrapper objects of a ServerInterceptingCall;
    // the call is also its Rpc.
    return new CensusServerCall(call, plugin, info, sized) as unknown as ServerInterceptingCall;
  };
}
