import { Measure } from '../../measures';

// The instruments of gRFC A66 as measures, named exactly as the instruments,
// with A66's units and (shortened where A66 explains timestamps) descriptions. Sizes are the message bytes on the wire
// after compression, without the 5-byte gRPC message header (the serialized
// size when nothing is compressed); durations are seconds.

/** One per client call attempt, when it starts (a retried call has several). */
export const A66ClientAttemptStarted: Measure = Measure.int64(
  'grpc.client.attempt.started', 'The total number of RPC attempts started, including those that have not completed.', '{attempt}');
/** Seconds from the start of an attempt (load-balancing pick included) to its status. */
export const A66ClientAttemptDuration: Measure = Measure.float64(
  'grpc.client.attempt.duration', 'End-to-end time taken to complete an RPC attempt including the time it takes to pick a subchannel.', 's');
/** Compressed bytes of all request messages one attempt sent. */
export const A66ClientAttemptSentTotalCompressedMessageSize: Measure = Measure.int64(
  'grpc.client.attempt.sent_total_compressed_message_size',
  'Total bytes (compressed but not encrypted) sent across all request messages (metadata excluded) per RPC attempt; does not include grpc or transport framing bytes.', 'By');
/** Compressed bytes of all response messages one attempt received. */
export const A66ClientAttemptRcvdTotalCompressedMessageSize: Measure = Measure.int64(
  'grpc.client.attempt.rcvd_total_compressed_message_size',
  'Total bytes (compressed but not encrypted) received across all response messages (metadata excluded) per RPC attempt; does not include grpc or transport framing bytes.', 'By');
/** Seconds from the application starting the call to the status reaching it, over all attempts. */
export const A66ClientCallDuration: Measure = Measure.float64(
  'grpc.client.call.duration',
  'End-to-end time the gRPC library takes to complete an RPC from the application\'s perspective.', 's');

/** One per server call, when its headers arrive (registered or not). */
export const A66ServerCallStarted: Measure = Measure.int64(
  'grpc.server.call.started', 'The total number of RPCs started, including those that have not completed.', '{call}');
/** Compressed bytes of all response messages of a server call. */
export const A66ServerCallSentTotalCompressedMessageSize: Measure = Measure.int64(
  'grpc.server.call.sent_total_compressed_message_size',
  'Total bytes (compressed but not encrypted) sent across all response messages (metadata excluded) per RPC; does not include grpc or transport framing bytes.', 'By');
/** Compressed bytes of all request messages of a server call. */
export const A66ServerCallRcvdTotalCompressedMessageSize: Measure = Measure.int64(
  'grpc.server.call.rcvd_total_compressed_message_size',
  'Total bytes (compressed but not encrypted) received across all request messages (metadata excluded) per RPC; does not include grpc or transport framing bytes.', 'By');
/** Seconds from the call's headers arriving to its trailers (or RST_STREAM) going out. */
export const A66ServerCallDuration: Measure = Measure.float64(
  'grpc.server.call.duration',
  'End-to-end time an RPC takes from the server transport\'s perspective.', 's');
