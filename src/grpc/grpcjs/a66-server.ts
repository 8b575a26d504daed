import { frameSize } from './a66-attempts';
import { findServerCallBelow, simulated } from './internals';

// What gRFC A66's server instruments need from grpc-js beyond the server
// interceptor API (each an entry of internals: serverReceivedFrames,
// serverUnknownMethods):
//
// - Received sizes after compression. The base server call
//   (BaseServerInterceptingCall, 1.10–1.14) passes every gRPC frame it reads
//   to its own method decompressMessage(frame, encoding), in arrival order,
//   before the message is deserialized and delivered. Overriding that method
//   on the one call object gives each frame's size. Only the frames of
//   messages delivered to the handler count (grpc-go counts a message when
//   the handler receives it): messages are delivered in arrival order, so
//   those are the first `receivedMessages` frames.
// - Sent sizes need nothing: grpc-js servers never compress responses
//   (server-interceptors.ts writes compressed flag 0 in every version), so the
//   compressed size is the serialized size the plugin already measures.
// - Calls to methods the server does not implement never reach an
//   interceptor: grpc-js answers UNIMPLEMENTED from Server._respondWithError,
//   its only caller being the check for an unknown path. Overriding it on the
//   server instance sees those calls (A66 records them as method "other").

// grpc-js reads a call's frames one received chunk at a time and pauses the
// stream until the handler has taken them, so at the end of a call the frames
// read and never delivered all came in the last chunk: an HTTP/2 DATA frame
// of at most 16 KiB, so at most 3276 gRPC frames of 5 bytes or more. Keeping
// the sizes of the last 4096 is enough to take them out (the array only
// grows that far on streams of that many messages).
const RECENT = 4096;

/** The compressed sizes of the frames a server call read, in arrival order: their total and the last few. */
export class ReceivedFrames {
  private total = 0;
  private count = 0;
  private readonly recent: number[] = [];

  /** @internal */
  push(size: number): void {
    this.total += size;
    this.count++;
    if (this.recent.length === RECENT) this.recent.shift();
    this.recent.push(size);
  }

  /**
   * The compressed bytes of the first `n` frames: the messages delivered to
   * the handler, which grpc-js delivers in arrival order. NaN when fewer
   * frames were seen, more than a few were never delivered, or one was not a
   * gRPC frame.
   */
  sumFirst(n: number): number {
    const undelivered = this.count - n;
    if (undelivered < 0 || undelivered > this.recent.length) return NaN;
    let sum = this.total;
    for (let i = 1; i <= undelivered; i++) sum -= this.recent[this.recent.length - i];
    return sum;
  }
}

interface BaseServerCallLike {
  decompressMessage(frame: Buffer, encoding: string): unknown;
}

/**
 * The base call at or below `call`: interceptors that run nearer the wire
 * (per-port ones, or ones listed before the plugin's) are ServerInterceptingCalls
 * that keep the call below them as `nextCall` (internals: serverStream's walk).
 */
function baseCallBelow(call: unknown): BaseServerCallLike | undefined {
  return findServerCallBelow(call, asBaseCall);
}

/** The walk's visitor (one function, not a closure per call). */
function asBaseCall(call: Record<string, unknown>): BaseServerCallLike | undefined {
  return typeof call.decompressMessage === 'function' ? (call as unknown as BaseServerCallLike) : undefined;
}

/**
 * Starts noting the frames the base server call at or below `call` reads.
 * Undefined when there is none (grpc-js changed, or a foreign layer in between).
 */
export function observeReceivedFrames(call: unknown): ReceivedFrames | undefined {
  if (simulated.serverReceivedFrames) return undefined;
  const base = baseCallBelow(call);
  if (base === undefined) return undefined;
  const decompress = base.decompressMessage;
  const frames = new ReceivedFrames();
  base.decompressMessage = function noteFrame(this: BaseServerCallLike, frame: Buffer, encoding: string): unknown {
    frames.push(frameSize(frame));
    return decompress.call(this, frame, encoding);
  };
  return frames;
}

interface ServerLike {
  _respondWithError(...args: unknown[]): unknown;
}

/**
 * Calls `answered(code, seconds)` for every call `server` answers itself
 * because no handler is registered for its path, `seconds` being the time
 * grpc-js took to write that answer. False when the server cannot be observed.
 */
export function observeUnknownMethods(server: object, answered: (code: number, seconds: number) => void): boolean {
  const s = server as Partial<ServerLike>;
  const respond = s._respondWithError;
  if (typeof respond !== 'function' || simulated.serverUnknownMethods) return false;
  s._respondWithError = function answerUnknown(this: ServerLike, ...args: unknown[]): unknown {
    const start = performance.now();
    try {
      return respond.apply(this, args);
    } finally {
      const err = args[0] as { code?: unknown } | null;
      try {
        answered(typeof err?.code === 'number' ? err.code : 13, (performance.now() - start) / 1000);
      } catch {
        // Recording never changes how grpc-js answers.
      }
    }
  };
  return true;
}
