import { Aggregation } from '../../views';
import { View } from '../../views';
import { A66LatencyDistribution, A66SizeDistribution } from './a66-buckets';
import {
  A66ServerCallDuration,
  A66ServerCallRcvdTotalCompressedMessageSize,
  A66ServerCallSentTotalCompressedMessageSize,
  A66ServerCallStarted,
} from './a66-measures';
import { KeyGrpcMethod, KeyGrpcStatus } from './a66-tag-keys';

// gRFC A66's server instruments, one view each, named exactly as the
// instrument. Descriptions are the measures'.

/** Count of server calls started, by method (`grpc.server.call.started`). */
export const A66ServerCallStartedView: View = new View({
  name: 'grpc.server.call.started', measure: A66ServerCallStarted, aggregation: Aggregation.count(), tagKeys: [KeyGrpcMethod],
});

/** Distribution of compressed response bytes per call, by method and status (`grpc.server.call.sent_total_compressed_message_size`). */
export const A66ServerCallSentTotalCompressedMessageSizeView: View = new View({
  name: 'grpc.server.call.sent_total_compressed_message_size', measure: A66ServerCallSentTotalCompressedMessageSize,
  aggregation: A66SizeDistribution, tagKeys: [KeyGrpcMethod, KeyGrpcStatus],
});

/** Distribution of compressed request bytes per call, by method and status (`grpc.server.call.rcvd_total_compressed_message_size`). */
export const A66ServerCallRcvdTotalCompressedMessageSizeView: View = new View({
  name: 'grpc.server.call.rcvd_total_compressed_message_size', measure: A66ServerCallRcvdTotalCompressedMessageSize,
  aggregation: A66SizeDistribution, tagKeys: [KeyGrpcMethod, KeyGrpcStatus],
});

/** Distribution of server call durations in seconds, by method and status (`grpc.server.call.duration`). */
export const A66ServerCallDurationView: View = new View({
  name: 'grpc.server.call.duration', measure: A66ServerCallDuration, aggregation: A66LatencyDistribution,
  tagKeys: [KeyGrpcMethod, KeyGrpcStatus],
});

/** gRFC A66's four server instruments as views (frozen: register them, copy them, never change them). */
export const A66ServerViews: View[] = Object.freeze([
  A66ServerCallStartedView,
  A66ServerCallSentTotalCompressedMessageSizeView,
  A66ServerCallRcvdTotalCompressedMessageSizeView,
  A66ServerCallDurationView,
]) as View[];
