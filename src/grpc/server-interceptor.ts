import type { ServerInterceptingCall, ServerInterceptingCallInterface, ServerInterceptor, ServerMethodDefinition } from '@grpc/grpc-js';
import { TagMap } from '../tags';
import { isSized } from './message-sizes';
import { methodInfo } from './method-info';
import { Plugin } from './plugin';
import { RpcTracker } from './rpc-tracker';
import { CensusServerCall } from './server-call';
import type { PluginOptions } from './types';

/**
 * A server interceptor that measures every call to a registered method, for
 * users who assemble server options themselves: started and completed RPCs
 * with final status, latency, message counts, tag propagation (the handler
 * runs in the caller's tags) and the server-latency trailer. Byte sizes need
 * the serializer wrapping `createServer()` adds; without it they are absent
 * from the views and payload `length` is NaN. Put it first in `interceptors`
 * (nearest the wire). Calls to unknown methods never reach interceptors.
 */
export function serverInterceptor(options?: PluginOptions): ServerInterceptor {
  return interceptorFor(new Plugin(options));
}

/** The interceptor for an already resolved plugin (createServer shares its plugin). */
export function interceptorFor(plugin: Plugin): ServerInterceptor {
  return (method: ServerMethodDefinition<unknown, unknown>, call: ServerInterceptingCallInterface): ServerInterceptingCall => {
    const info = methodInfo(false, method.path, method.requestStream, method.responseStream);
    const sized = isSized(method.responseSerialize) && isSized(method.requestDeserialize);
    // Implements ServerInterceptingCallInterface directly (all grpc-js uses),
    // saving the responder, listener and wrapper objects of a ServerInterceptingCall.
    return new CensusServerCall(call, new RpcTracker(plugin, info, TagMap.EMPTY), sized) as unknown as ServerInterceptingCall;
  };
}
