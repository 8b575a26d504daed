import type { Stats } from '../../views';
import type { A66MethodTags } from '../a66-attributes';
import { anyViewOn } from '../a66-host';
import type { AttemptTracker } from '../grpcjs/a66-attempts';
import {
  A66ClientAttemptDuration,
  A66ClientAttemptRcvdTotalCompressedMessageSize,
  A66ClientAttemptSentTotalCompressedMessageSize,
  A66ClientAttemptStarted,
} from '../spec/a66-measures';

/** Whether any registered view (in any Stats) aggregates a per-attempt measure: when none does, attempts are not observed. */
export function attemptViewsRegistered(): boolean {
  return anyViewOn(ATTEMPT_MEASURES);
}

const ATTEMPT_MEASURES = [
  A66ClientAttemptStarted,
  A66ClientAttemptDuration,
  A66ClientAttemptSentTotalCompressedMessageSize,
  A66ClientAttemptRcvdTotalCompressedMessageSize,
];

/**
 * One client call attempt, as gRFC A66 records it: `grpc.client.attempt.started`
 * when it is created, then at its status its duration (seconds, the LB pick
 * included) and the compressed bytes of the messages it sent and received.
 */
export class A66Attempt implements AttemptTracker {
  sentBytes = 0;
  rcvdBytes = 0;
  private readonly startTime: number;

  constructor(
    private readonly stats: Stats,
    private readonly tags: A66MethodTags,
    /** Told once when a message was not a gRPC frame (its size is then unknown). */
    private readonly sizesUnknown: () => void,
    now: number = performance.now(),
  ) {
    this.startTime = now;
    stats.recordValue(A66ClientAttemptStarted, 1, tags.started);
  }

  ended(code: number, attached: boolean | undefined, now: number = performance.now()): void {
    const tags = this.tags.endedWith(code);
    this.stats.recordValue(A66ClientAttemptDuration, (now - this.startTime) / 1000, tags);
    // An attempt that never got a transport stream wrote nothing: the
    // messages handed to it waited for an LB pick that failed.
    const sent = attached === false ? 0 : this.sentBytes;
    if (Number.isNaN(sent) || Number.isNaN(this.rcvdBytes)) this.sizesUnknown();
    if (!Number.isNaN(sent)) this.stats.recordValue(A66ClientAttemptSentTotalCompressedMessageSize, sent, tags);
    if (!Number.isNaN(this.rcvdBytes)) this.stats.recordValue(A66ClientAttemptRcvdTotalCompressedMessageSize, this.rcvdBytes, tags);
  }
}
