import type { CallCredentials, ChannelInterface, InterceptingListener, Metadata, StatusObject } from '@grpc/grpc-js';
import type { Plugin } from '../plugin';
import type { TagMap } from '../../tags';
import type { MethodInfo } from '../method-info';
import { ClientRpc } from '../rpc/rpc';
import { startClient } from './client-start';
import { clientCallAttached, reportUnavailable } from './internals';

/** The Call a grpc-js Channel creates (not exported by grpc-js under a name of its own). */
export type ChannelCall = ReturnType<ChannelInterface['createCall']>;
type MessageContext = Parameters<ChannelCall['sendMessageWithContext']>[0];

/**
 * A channel-level Call that measures the call it wraps. It sits below every
 * interceptor and above compression, so it sees the metadata as sent, the
 * serialized, uncompressed message Buffers in both directions, and the final
 * status exactly once. It is its own listener and the call's `Rpc` (the state
 * machine it extends), so a call costs one object.
 */
export class CensusClientCall extends ClientRpc<Plugin> implements ChannelCall, InterceptingListener {
  private listener: InterceptingListener | undefined;
  private gotHeaders = false;

  constructor(
    private readonly inner: ChannelCall,
    plugin: Plugin,
    info: MethodInfo,
    /** The caller's tag context. */
    tags: TagMap,
    /** The channel's target: what grpc-js reports as a call's peer until the call gets a connection. */
    private readonly channelTarget: () => string,
    /** Longer messages are refused by grpc-js (its compression filter), never sent. */
    private readonly maxSendLength: number,
  ) {
    super(plugin, info, tags);
  }

  start(metadata: Metadata, listener: InterceptingListener): void {
    this.listener = listener;
    this.inner.start(startClient(this, metadata), this);
  }

  sendMessageWithContext(context: MessageContext, message: Buffer): void {
    if (this.maxSendLength === -1 || message.length <= this.maxSendLength) this.payload(true, message.length);
    this.inner.sendMessageWithContext(context, message);
  }

  onReceiveMetadata(metadata: Metadata): void {
    this.gotHeaders = true;
    this.header(false, metadata);
    this.listener!.onReceiveMetadata(metadata);
  }

  onReceiveMessage(message: Buffer): void {
    this.payload(false, message.length);
    this.listener!.onReceiveMessage(message);
  }

  onReceiveStatus(status: StatusObject): void {
    if (this.active) {
      this.trailer(false, status.metadata);
      this.end(status.code, status.details, performance.now(), status.code === 0 || this.attached(status));
    }
    this.listener!.onReceiveStatus(status);
  }

  /** Whether grpc-js ever attached the call to a connection (see internals: clientAttachment). */
  private attached(status: StatusObject): boolean {
    try {
      const known = clientCallAttached(this.inner);
      if (known !== undefined) return known;
      reportUnavailable(this.plugin.diagnostics, 'clientAttachment');
      // Fallback, public: anything that came from a server, or a peer address.
      if (this.gotHeaders || status.metadata.getMap()['content-type'] !== undefined) return true;
      const peer = this.inner.getPeer();
      return peer !== 'unknown' && peer !== this.channelTarget();
    } catch {
      return true;
    }
  }

  cancelWithStatus(code: StatusObject['code'], details: string): void {
    this.inner.cancelWithStatus(code, details);
  }

  getPeer(): string {
    return this.inner.getPeer();
  }

  startRead(): void {
    this.inner.startRead();
  }

  halfClose(): void {
    this.inner.halfClose();
  }

  getCallNumber(): number {
    return this.inner.getCallNumber();
  }

  setCredentials(credentials: CallCredentials): void {
    this.inner.setCredentials(credentials);
  }

  getAuthContext(): ReturnType<ChannelCall['getAuthContext']> {
    return this.inner.getAuthContext();
  }
}
