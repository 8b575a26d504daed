import type { ChannelInterface } from '@grpc/grpc-js';
import type { A66MethodTags } from '../a66-attributes';
import { A66Channel } from '../a66-client';
import { anyViewOn, type A66Host } from '../a66-host';
import { A66Server, serverViewsRegistered } from '../a66-server';
import type { ReceivedFrames } from '../grpcjs/a66-server';
import { A66ClientCallDuration } from '../spec/a66-measures';
import { A66Attempt, attemptViewsRegistered } from './a66-attempt';
import type { Rpc, RpcSink } from './sink';

/** Per-RPC state of the A66 sink; undefined when no A66 view could record the RPC. */
interface A66RpcState {
  readonly tags: A66MethodTags;
  /** Client, when grpc-js's attempts are out of sight: the call counted as its one attempt. */
  readonly attempt: A66Attempt | undefined;
  /** Server: the compressed sizes of the frames the call read (undefined: out of sight). */
  readonly frames: ReceivedFrames | undefined;
}

/**
 * The gRFC A66 views, fed by the same `Rpc` as the OpenCensus views in the
 * same pass (`FanOutSink`): per client call `grpc.client.call.duration`, per
 * server call `grpc.server.call.*`. Attempts are recorded below the retry
 * layer by the channel's `A66Channel`. It reads the `Rpc` at begin and end
 * only (`perMessage` false); while no A66 view is registered anywhere, its
 * begin is a few comparisons and allocates nothing.
 */
export class A66Sink implements RpcSink<A66RpcState | undefined> {
  readonly perMessage = false;
  /** Server side: method attributes, and calls to methods the server does not implement. */
  readonly server: A66Server;

  constructor(private readonly host: A66Host) {
    this.server = new A66Server(host);
  }

  /** The A66 state of a client channel wrapping `inner`, created for `address` when known. */
  channel(inner: ChannelInterface, address: string | undefined): A66Channel {
    return new A66Channel(inner, address, this.host);
  }

  begin(rpc: Rpc): A66RpcState | undefined {
    const source = rpc.a66Source;
    if (rpc.info.client) {
      if (!(source instanceof A66Channel)) return undefined;
      // Only with an attempt view registered: asking starts observing the channel's attempts.
      const oneAttempt = attemptViewsRegistered() && !source.attemptsObserved;
      if (!oneAttempt && !anyViewOn(CALL_MEASURES)) return undefined;
      const tags = source.attributes.tagsFor(rpc.info.fullMethod);
      if (oneAttempt) this.host.unavailable('clientAttempts');
      const attempt = oneAttempt ? new A66Attempt(this.host.stats, tags, noop, rpc.startTime) : undefined;
      return { tags, attempt, frames: undefined };
    }
    if (!serverViewsRegistered()) return undefined;
    const { tags, frames } = this.server.callStarted(rpc.info.fullMethod, source);
    return { tags, attempt: undefined, frames };
  }

  header(): void {}

  payload(): void {}

  trailer(): void {}

  end(state: A66RpcState | undefined, rpc: Rpc): void {
    if (state === undefined) return;
    const seconds = (rpc.endTime - rpc.startTime) / 1000;
    if (rpc.info.client) {
      this.host.stats.recordValue(A66ClientCallDuration, seconds, state.tags.endedWith(rpc.code));
      const attempt = state.attempt;
      if (attempt !== undefined) {
        // The only sizes in sight are the serialized ones, above compression.
        attempt.sentBytes = rpc.sentBytes;
        attempt.rcvdBytes = rpc.receivedBytes;
        attempt.ended(rpc.code, rpc.connected, rpc.endTime);
      }
      return;
    }
    const rcvd = state.frames !== undefined ? state.frames.sumFirst(rpc.receivedMessages) : rpc.receivedBytes;
    this.server.callEnded(state.tags, rpc.code, seconds, rpc.sentBytes, rcvd);
  }
}

const noop = (): void => {};
const CALL_MEASURES = [A66ClientCallDuration];
