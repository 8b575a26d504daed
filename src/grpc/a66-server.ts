import { A66ServerAttributes, type A66MethodTags } from './a66-attributes';
import { anyViewOn, type A66Host } from './a66-host';
import { observeReceivedFrames, observeUnknownMethods, type ReceivedFrames } from './grpcjs/a66-server';
import {
  A66ServerCallDuration,
  A66ServerCallRcvdTotalCompressedMessageSize,
  A66ServerCallSentTotalCompressedMessageSize,
  A66ServerCallStarted,
} from './spec/a66-measures';

/** Whether any registered view (in any Stats) aggregates an A66 server measure: when none does, calls are not tracked. */
export function serverViewsRegistered(): boolean {
  return anyViewOn(SERVER_MEASURES);
}

const SERVER_MEASURES = [A66ServerCallStarted, A66ServerCallDuration, A66ServerCallSentTotalCompressedMessageSize, A66ServerCallRcvdTotalCompressedMessageSize];

/** gRFC A66 on one server (createServer) or server interceptor: its method attributes and what it records. */
export class A66Server {
  readonly attributes: A66ServerAttributes;

  constructor(private readonly host: A66Host) {
    this.attributes = new A66ServerAttributes(host.methodAttributeFilter, (err) => host.internalError(err));
  }

  /** Records calls to methods `server` does not implement (grpc.method "other", no bytes either way); createServer only. */
  watchUnknownMethods(server: object): void {
    const ok = observeUnknownMethods(server, (code, seconds) => {
      if (!serverViewsRegistered()) return;
      const tags = this.attributes.unknown;
      this.host.stats.recordValue(A66ServerCallStarted, 1, tags.started);
      this.callEnded(tags, code, seconds, 0, 0);
    });
    if (!ok) this.host.unavailable('serverUnknownMethods');
  }

  /**
   * A call to the registered method `path` began: records
   * `grpc.server.call.started` and starts noting the frames `below` (the
   * grpc-js call under the plugin's interceptor) reads.
   */
  callStarted(path: string, below: unknown): { tags: A66MethodTags; frames: ReceivedFrames | undefined } {
    const tags = this.attributes.tagsFor(path);
    this.host.stats.recordValue(A66ServerCallStarted, 1, tags.started);
    const frames = observeReceivedFrames(below);
    if (frames === undefined) this.host.unavailable('serverReceivedFrames');
    return { tags, frames };
  }

  /**
   * A call ended with `code` after `seconds`. `sentBytes` is the serialized
   * size of its responses, which is their compressed size: grpc-js servers
   * never compress responses (1.10–1.14). NaN sizes (unknown) are not recorded.
   */
  callEnded(tags: A66MethodTags, code: number, seconds: number, sentBytes: number, rcvdBytes: number): void {
    const ended = tags.endedWith(code);
    const stats = this.host.stats;
    stats.recordValue(A66ServerCallDuration, seconds, ended);
    if (!Number.isNaN(sentBytes)) stats.recordValue(A66ServerCallSentTotalCompressedMessageSize, sentBytes, ended);
    if (!Number.isNaN(rcvdBytes)) stats.recordValue(A66ServerCallRcvdTotalCompressedMessageSize, rcvdBytes, ended);
  }
}
