import { Aggregation } from '../../views';
import { View } from '../../views';
import { A66LatencyDistribution, A66SizeDistribution } from './a66-buckets';
import {
  A66ClientAttemptDuration,
  A66ClientAttemptRcvdTotalCompressedMessageSize,
  A66ClientAttemptSentTotalCompressedMessageSize,
  A66ClientAttemptStarted,
  A66ClientCallDuration,
} from './a66-measures';
import { KeyGrpcMethod, KeyGrpcStatus, KeyGrpcTarget } from './a66-tag-keys';

// gRFC A66's client instruments, one view each, named exactly as the
// instrument so that any export (Prometheus, OpenTelemetry) carries the A66
// name. Descriptions are the measures'.

/** Count of call attempts started, by method and target (`grpc.client.attempt.started`). */
export const A66ClientAttemptStartedView: View = new View({
  name: 'grpc.client.attempt.started', measure: A66ClientAttemptStarted, aggregation: Aggregation.count(),
  tagKeys: [KeyGrpcMethod, KeyGrpcTarget],
});

/** Distribution of attempt durations in seconds, by method, target and status (`grpc.client.attempt.duration`). */
export const A66ClientAttemptDurationView: View = new View({
  name: 'grpc.client.attempt.duration', measure: A66ClientAttemptDuration, aggregation: A66LatencyDistribution,
  tagKeys: [KeyGrpcMethod, KeyGrpcTarget, KeyGrpcStatus],
});

/** Distribution of compressed request bytes per attempt (`grpc.client.attempt.sent_total_compressed_message_size`). */
export const A66ClientAttemptSentTotalCompressedMessageSizeView: View = new View({
  name: 'grpc.client.attempt.sent_total_compressed_message_size', measure: A66ClientAttemptSentTotalCompressedMessageSize,
  aggregation: A66SizeDistribution, tagKeys: [KeyGrpcMethod, KeyGrpcTarget, KeyGrpcStatus],
});

/** Distribution of compressed response bytes per attempt (`grpc.client.attempt.rcvd_total_compressed_message_size`). */
export const A66ClientAttemptRcvdTotalCompressedMessageSizeView: View = new View({
  name: 'grpc.client.attempt.rcvd_total_compressed_message_size', measure: A66ClientAttemptRcvdTotalCompressedMessageSize,
  aggregation: A66SizeDistribution, tagKeys: [KeyGrpcMethod, KeyGrpcTarget, KeyGrpcStatus],
});

/** Distribution of call durations in seconds, all attempts included, by method, target and status (`grpc.client.call.duration`). */
export const A66ClientCallDurationView: View = new View({
  name: 'grpc.client.call.duration', measure: A66ClientCallDuration, aggregation: A66LatencyDistribution,
  tagKeys: [KeyGrpcMethod, KeyGrpcTarget, KeyGrpcStatus],
});

/** gRFC A66's five client instruments as views (frozen: register them, copy them, never change them). */
export const A66ClientViews: View[] = Object.freeze([
  A66ClientAttemptStartedView,
  A66ClientAttemptDurationView,
  A66ClientAttemptSentTotalCompressedMessageSizeView,
  A66ClientAttemptRcvdTotalCompressedMessageSizeView,
  A66ClientCallDurationView,
]) as View[];
