import type { ChannelInterface, InterceptingListener, Metadata, StatusObject } from '@grpc/grpc-js';
import { simulated } from './internals';

// Call attempts (gRFC A66 grpc.client.attempt.*) in grpc-js. Retries, hedges
// and transparent retries run below every interceptor and below the Channel
// object a client holds:
//
//   Channel → InternalChannel → ResolvingCall (filters: compression)
//           → RetryingCall → LoadBalancingCall (one per attempt) → SubchannelCall
//
// Every attempt is made by InternalChannel.createLoadBalancingCall, called as
// a method of the InternalChannel instance (by RetryingCall, and by
// createInnerCall when retries are disabled). So the plugin overrides that
// method on the one InternalChannel of a channel it wraps — never on the
// prototype — and sees each attempt from its creation (after name
// resolution, before the LB pick, as A66 defines it) to its own status.
// Below the compression filter, the attempt's messages are gRPC frames: a
// 5-byte header (flag, length) and the message bytes as sent, compressed or
// not. A66 sizes are exactly those bytes, so each size is `frame.length - 5`,
// and the frame header is checked on every message (see internals: clientAttempts).

const HEADER = 5;

/** What the plugin records for one attempt. */
export interface AttemptTracker {
  /** Compressed request bytes, NaN once a message was not a gRPC frame. */
  sentBytes: number;
  /** Compressed response bytes, NaN once a message was not a gRPC frame. */
  rcvdBytes: number;
  /**
   * The attempt's status. `attached` is whether it ever got a transport
   * stream (false: its messages were never written, e.g. the LB pick
   * failed); undefined when that cannot be told.
   */
  ended(code: number, attached: boolean | undefined): void;
}

/** Creates the tracker of each attempt; undefined leaves the attempt unobserved (e.g. no A66 view is registered). */
export type AttemptStarted = (path: string) => AttemptTracker | undefined;

/** The parts of grpc-js's LoadBalancingCall the plugin touches. */
interface AttemptCall {
  start(metadata: Metadata, listener: InterceptingListener): void;
  sendMessageWithContext(context: unknown, message: Buffer): void;
  child?: unknown;
}

interface InternalChannelLike {
  createLoadBalancingCall(...args: unknown[]): AttemptCall;
}

const OBSERVED = Symbol('grpc-census.attemptsObserved');

/**
 * The InternalChannel of a grpc-js Channel whose attempts can be observed, or
 * undefined (not a grpc-js Channel, or grpc-js changed: see internals).
 */
export function attemptSource(channel: ChannelInterface): InternalChannelLike | undefined {
  if (simulated.clientAttempts) return undefined;
  const internal = (channel as unknown as { internalChannel?: unknown }).internalChannel;
  if (internal === null || typeof internal !== 'object') return undefined;
  if (typeof (internal as Partial<InternalChannelLike>).createLoadBalancingCall !== 'function') return undefined;
  return internal as InternalChannelLike;
}

/**
 * Makes `channel` report each of its attempts to `started`. False when its
 * attempts cannot be observed. A channel already observed (shared by two
 * clientOptions() results) keeps its first observer and returns true.
 */
export function observeAttempts(channel: ChannelInterface, started: AttemptStarted): boolean {
  const internal = attemptSource(channel);
  if (internal === undefined) return false;
  const marked = internal as unknown as { [OBSERVED]?: true };
  if (marked[OBSERVED]) return true;
  marked[OBSERVED] = true;
  const create = internal.createLoadBalancingCall;
  internal.createLoadBalancingCall = function createObservedAttempt(this: InternalChannelLike, ...args: unknown[]): AttemptCall {
    const call = create.apply(this, args);
    let tracker: AttemptTracker | undefined;
    try {
      tracker = typeof args[1] === 'string' && isAttemptCall(call) ? started(args[1]) : undefined;
    } catch {
      tracker = undefined;
    }
    if (tracker !== undefined) observe(call, tracker);
    return call;
  };
  return true;
}

function isAttemptCall(call: unknown): call is AttemptCall {
  const c = call as Partial<AttemptCall> | null;
  return c !== null && typeof c === 'object' && typeof c.start === 'function' && typeof c.sendMessageWithContext === 'function';
}

/** Own-property overrides on this one attempt: its start (to wrap the listener) and its writes. */
function observe(call: AttemptCall, tracker: AttemptTracker): void {
  const start = call.start;
  const send = call.sendMessageWithContext;
  call.start = (metadata, listener) => start.call(call, metadata, new AttemptListener(listener, tracker, call));
  call.sendMessageWithContext = (context, message) => {
    tracker.sentBytes += frameSize(message);
    send.call(call, context, message);
  };
}

/** The message bytes of a gRPC frame; NaN for anything that is not one. */
export function frameSize(frame: unknown): number {
  if (!Buffer.isBuffer(frame) || frame.length < HEADER || frame.readUInt32BE(1) !== frame.length - HEADER) return NaN;
  return frame.length - HEADER;
}

/** Whether the attempt got a transport stream: LoadBalancingCall keeps it as `child` (internals: clientAttempts). */
function attached(call: AttemptCall): boolean | undefined {
  if (!('child' in call)) return undefined;
  return call.child !== null && call.child !== undefined;
}

/** The listener grpc-js's RetryingCall gave the attempt, with the attempt's received frames and status noted on the way. */
class AttemptListener implements InterceptingListener {
  private done = false;

  constructor(
    private readonly next: InterceptingListener,
    private readonly tracker: AttemptTracker,
    private readonly call: AttemptCall,
  ) {}

  onReceiveMetadata(metadata: Metadata): void {
    this.next.onReceiveMetadata(metadata);
  }

  onReceiveMessage(message: Buffer): void {
    this.tracker.rcvdBytes += frameSize(message);
    this.next.onReceiveMessage(message);
  }

  onReceiveStatus(status: StatusObject): void {
    if (!this.done) {
      this.done = true;
      try {
        this.tracker.ended(status.code, attached(this.call));
      } catch {
        // A tracker never fails an attempt; it isolates its own errors.
      }
    }
    this.next.onReceiveStatus(status);
  }
}
