import type { InterceptingCall, InterceptingListener, Interceptor, InterceptorOptions, Metadata, NextCall, StatusObject } from '@grpc/grpc-js';
import { currentTags, type TagMap } from '../../tags';
import { methodInfo, type MethodInfo } from '../method-info';
import { Plugin } from '../plugin';
import { ClientRpc } from '../rpc/rpc';
import type { PluginOptions } from '../types';
import { startClient } from './client-start';
import { clientLayerCreated, clientLayerMark, layersCreatedSince } from './layers';

type NextInterceptingCall = ReturnType<NextCall>;
type MessageContext = Parameters<NextInterceptingCall['sendMessageWithContext']>[0];

/**
 * A client interceptor that measures the calls it sees, for users who
 * assemble client options themselves. Alone it records everything except
 * byte sizes — interceptors see message objects, not the serialized Buffers,
 * and the plugin never serializes twice — so bytes are absent from the views
 * and payload `length` is NaN. grpc-js drops client-level interceptors for a
 * call made with its own `interceptors` option; such calls are not measured.
 * `clientOptions()` has neither gap: prefer it. Combined with it (or with a
 * second `clientInterceptor()`), only the layer nearest the wire measures;
 * the others count `grpc.stackedLayers` in diagnostics and warn once.
 */
export function clientInterceptor(options?: PluginOptions): Interceptor {
  const plugin = new Plugin(options, 'clientInterceptor');
  return (callOptions: InterceptorOptions, nextCall: NextCall): InterceptingCall => {
    const def = callOptions.method_definition;
    const info = methodInfo(true, def.path, def.requestStream, def.responseStream);
    const tags = currentTags();
    const mark = clientLayerMark();
    const next = nextCall(callOptions);
    // Implements grpc-js's InterceptingCallInterface directly (all grpc-js uses),
    // saving the requester and listener objects an InterceptingCall needs; it is also the call's Rpc.
    const call = new CensusInterceptingCall(next, plugin, info, tags);
    if (layersCreatedSince(mark)) {
      call.detach();
      plugin.stackedLayer('client');
    }
    clientLayerCreated();
    return call as unknown as InterceptingCall;
  };
}

class CensusInterceptingCall extends ClientRpc<Plugin> implements NextInterceptingCall, InterceptingListener {
  private listener: Partial<InterceptingListener> | undefined;

  constructor(
    private readonly next: NextInterceptingCall,
    plugin: Plugin,
    info: MethodInfo,
    tags: TagMap,
  ) {
    super(plugin, info, tags);
  }

  start(metadata: Metadata, listener?: Partial<InterceptingListener>): void {
    this.listener = listener;
    this.next.start(startClient(this, metadata), this);
  }

  sendMessageWithContext(context: MessageContext, message: unknown): void {
    this.payload(true, NaN);
    this.next.sendMessageWithContext(context, message);
  }

  sendMessage(message: unknown): void {
    this.sendMessageWithContext({}, message);
  }

  onReceiveMetadata(metadata: Metadata): void {
    this.header(false, metadata);
    this.listener?.onReceiveMetadata?.(metadata);
  }

  onReceiveMessage(message: unknown): void {
    // grpc-js hands a unary call's listener a null message before an error status.
    if (message !== null) this.payload(false, NaN);
    this.listener?.onReceiveMessage?.(message);
  }

  onReceiveStatus(status: StatusObject): void {
    if (this.active) {
      this.trailer(false, status.metadata);
      this.end(status.code, status.details, performance.now());
    }
    this.listener?.onReceiveStatus?.(status);
  }

  cancelWithStatus(code: StatusObject['code'], details: string): void {
    this.next.cancelWithStatus(code, details);
  }

  getPeer(): string {
    return this.next.getPeer();
  }

  startRead(): void {
    this.next.startRead();
  }

  halfClose(): void {
    this.next.halfClose();
  }

  getAuthContext(): ReturnType<NextInterceptingCall['getAuthContext']> {
    return this.next.getAuthContext();
  }
}
