import type { Metadata } from '@grpc/grpc-js';
import { withTags } from '../../tags';
import type { RpcEvent, StatsHandler } from '../types';
import type { Rpc, RpcSink } from './sink';

/** Handler state meaning "tagRpc threw: skip this handler for this RPC". */
const FAILED = Symbol('grpc-census.failedHandler');

/**
 * The user's `StatsHandler`s (`PluginOptions.handlers`): every event becomes
 * an `RpcEvent` object handed to each handler in order. A handler that throws
 * is isolated (`grpc.handlerErrors`, one warning); one whose `tagRpc` threw
 * is skipped for the rest of that RPC.
 */
export class HandlersSink implements RpcSink<unknown[]> {
  readonly perMessage = true;

  constructor(
    private readonly handlers: readonly StatsHandler[],
    private readonly failed: (err: unknown) => void,
  ) {}

  begin(rpc: Rpc): unknown[] {
    // tagRpc runs in the RPC's tag context, so it can read the caller's tags.
    const states = withTags(rpc.tags, () => this.tagRpc(rpc));
    this.dispatch(states, { type: 'begin', time: rpc.startTime });
    return states;
  }

  header(states: unknown[], _rpc: Rpc, out: boolean, metadata: Metadata): void {
    this.dispatch(states, { type: out ? 'outHeader' : 'inHeader', metadata });
  }

  payload(states: unknown[], _rpc: Rpc, out: boolean, length: number, now: number): void {
    this.dispatch(states, { type: out ? 'outPayload' : 'inPayload', length, time: now });
  }

  trailer(states: unknown[], _rpc: Rpc, out: boolean, metadata: Metadata): void {
    this.dispatch(states, { type: out ? 'outTrailer' : 'inTrailer', metadata });
  }

  end(states: unknown[], rpc: Rpc): void {
    const { code, details, endTime: time, connected } = rpc;
    this.dispatch(states, connected === undefined ? { type: 'end', code, details, time } : { type: 'end', code, details, time, connected });
  }

  private tagRpc(rpc: Rpc): unknown[] {
    const states = new Array<unknown>(this.handlers.length);
    for (let i = 0; i < this.handlers.length; i++) {
      try {
        states[i] = this.handlers[i].tagRpc(rpc.info);
      } catch (err) {
        states[i] = FAILED;
        this.failed(err);
      }
    }
    return states;
  }

  private dispatch(states: unknown[], event: RpcEvent): void {
    for (let i = 0; i < this.handlers.length; i++) {
      if (states[i] === FAILED) continue;
      try {
        this.handlers[i].handleRpc(states[i], event);
      } catch (err) {
        this.failed(err);
      }
    }
  }
}
