import type { ChannelInterface } from '@grpc/grpc-js';
import { currentTags } from '../../tags';
import { clientMethodByPath } from '../method-info';
import type { A66Channel } from '../a66-client';
import type { Plugin } from '../plugin';
import { CensusClientCall, type ChannelCall } from './client-call';
import { clientLayerCreated, clientLayerMark, layersCreatedSince } from './layers';

type CreateCallArgs = Parameters<ChannelInterface['createCall']>;

/**
 * A grpc-js Channel that measures every call made on the channel it wraps.
 * Clients get it through `clientOptions()` (`channelFactoryOverride`), so
 * per-call `interceptors`, which replace client-level interceptors in
 * grpc-js, cannot remove it.
 */
export class CensusChannel implements ChannelInterface {
  private target: string | undefined;
  private readonly targetOf = (): string => (this.target ??= this.inner.getTarget());

  /** gRFC A66 on this channel: its attributes and attempts (undefined with user `handlers`). */
  readonly a66: A66Channel | undefined;

  constructor(
    readonly inner: ChannelInterface,
    private readonly plugin: Plugin,
    /**
     * The channel's `grpc.max_send_message_length` (-1: none, grpc-js's
     * default; unknown for a `channelOverride`): grpc-js fails a call with
     * RESOURCE_EXHAUSTED instead of sending a message longer than this.
     */
    private readonly maxSendLength = -1,
    /** The target the client was created with, when known (gRFC A66's grpc.target). */
    address?: string,
  ) {
    this.a66 = plugin.a66?.channel(inner, address);
  }

  createCall(method: string, deadline: CreateCallArgs[1], host: CreateCallArgs[2], parent: CreateCallArgs[3], flags: CreateCallArgs[4]): ChannelCall {
    const mark = clientLayerMark();
    const call = this.inner.createCall(method, deadline, host, parent, flags);
    // grpc-js creates the call synchronously inside the stub call, so
    // currentTags() is the caller's context here.
    const censusCall = new CensusClientCall(call, this.plugin, clientMethodByPath(method), currentTags(), this.targetOf, this.maxSendLength);
    censusCall.a66Source = this.a66;
    if (layersCreatedSince(mark)) {
      // A channel wrapped twice (clientOptions over clientOptions): the inner one measures.
      censusCall.detach();
      this.plugin.stackedLayer('client');
    }
    clientLayerCreated();
    return censusCall;
  }

  close(): void {
    this.inner.close();
  }

  getTarget(): string {
    return this.inner.getTarget();
  }

  getConnectivityState(tryToConnect: boolean): ReturnType<ChannelInterface['getConnectivityState']> {
    return this.inner.getConnectivityState(tryToConnect);
  }

  watchConnectivityState(...args: Parameters<ChannelInterface['watchConnectivityState']>): void {
    this.inner.watchConnectivityState(...args);
  }

  getChannelzRef(): ReturnType<ChannelInterface['getChannelzRef']> {
    return this.inner.getChannelzRef();
  }
}
