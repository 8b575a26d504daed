import type { Stats } from '../views/stats';
import { A66ServerAttributes, type A66MethodTags, type MethodFilter } from './a66-attributes';
import { observeReceivedFrames, observeUnknownMethods, type ReceivedFrames } from './grpcjs/a66-server';
import {
  A66ServerCallDuration,
  A66ServerCallRcvdTotalCompressedMessageSize,
  A66ServerCallSentTotalCompressedMessageSize,
  A66ServerCallStarted,
} from './spec/a66-measures';

/** What the A66 server side needs of the plugin. */
export interface A66ServerPlugin {
  readonly stats: Stats;
  readonly methodAttributeFilter: MethodFilter;
  internalError(err: unknown): void;
  unavailable(name: 'serverReceivedFrames' | 'serverUnknownMethods'): void;
}

/** Whether any registered view aggregates an A66 server measure: when none does, calls are not tracked. */
export function serverViewsRegistered(): boolean {
  return (
    A66ServerCallStarted._viewCount +
      A66ServerCallDuration._viewCount +
      A66ServerCallSentTotalCompressedMessageSize._viewCount +
      A66ServerCallRcvdTotalCompressedMessageSize._viewCount >
    0
  );
}

/** gRFC A66 on one server (createServer) or server interceptor. */
export class A66Server {
  readonly attributes: A66ServerAttributes;

  constructor(private readonly plugin: A66ServerPlugin) {
    this.attributes = new A66ServerAttributes(plugin.methodAttributeFilter, (err) => plugin.internalError(err));
  }

  /** Records calls to methods `server` does not implement (grpc.method "other"); createServer only. */
  watchUnknownMethods(server: object): void {
    const ok = observeUnknownMethods(server, (code, seconds) => {
      if (!serverViewsRegistered()) return;
      const tags = this.attributes.unknown;
      const stats = this.plugin.stats;
      stats.recordValue(A66ServerCallStarted, 1, tags.started);
      const ended = tags.endedWith(code);
      stats.recordValue(A66ServerCallDuration, seconds, ended);
      stats.recordValue(A66ServerCallSentTotalCompressedMessageSize, 0, ended);
      stats.recordValue(A66ServerCallRcvdTotalCompressedMessageSize, 0, ended);
    });
    if (!ok) this.plugin.unavailable('serverUnknownMethods');
  }

  /**
   * A call to the registered method `path` began (its headers arrived at
   * `now`); `below` is the grpc-js call under the plugin's interceptor.
   * Undefined when no A66 server view is registered.
   */
  callStarted(path: string, below: unknown, now: number): A66ServerCall | undefined {
    if (!serverViewsRegistered()) return undefined;
    const tags = this.attributes.tagsFor(path);
    this.plugin.stats.recordValue(A66ServerCallStarted, 1, tags.started);
    const frames = observeReceivedFrames(below);
    if (frames === undefined) this.plugin.unavailable('serverReceivedFrames');
    return new A66ServerCall(this.plugin.stats, tags, frames, now);
  }
}

/** One server call's A66 state: its received compressed bytes, summed as messages reach the handler. */
export class A66ServerCall {
  rcvdBytes = 0;

  constructor(
    private readonly stats: Stats,
    private readonly tags: A66MethodTags,
    private readonly frames: ReceivedFrames | undefined,
    private readonly startTime: number,
  ) {}

  /**
   * A message reached the handler; `serializedSize` is its serialized size.
   * Without the frames (not directly above grpc-js's base call) the size is
   * the serialized one: exact unless the client compressed.
   */
  messageReceived(serializedSize: number): void {
    const compressed = this.frames?.take();
    this.rcvdBytes += compressed === undefined || Number.isNaN(compressed) ? serializedSize : compressed;
  }

  /**
   * The call ended with `code` at `now`. `sentBytes` is the serialized size of
   * the responses, which is their compressed size: grpc-js servers never
   * compress responses (1.10–1.14).
   */
  ended(code: number, sentBytes: number, now: number): void {
    const tags = this.tags.endedWith(code);
    this.stats.recordValue(A66ServerCallDuration, (now - this.startTime) / 1000, tags);
    if (!Number.isNaN(sentBytes)) this.stats.recordValue(A66ServerCallSentTotalCompressedMessageSize, sentBytes, tags);
    if (!Number.isNaN(this.rcvdBytes)) this.stats.recordValue(A66ServerCallRcvdTotalCompressedMessageSize, this.rcvdBytes, tags);
  }
}
