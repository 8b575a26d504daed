import { Measure } from '../../measures';

// Names, descriptions and units exactly as opencensus-go's plugin/ocgrpc
// client_metrics.go and server_metrics.go. Per-RPC measures are recorded once,
// when the RPC ends; started_rpcs when it starts.

/** Messages sent in the RPC (1 for a unary request). */
export const ClientSentMessagesPerRPC: Measure = Measure.int64(
  'grpc.io/client/sent_messages_per_rpc', 'Number of messages sent in the RPC (always 1 for non-streaming RPCs).', '1');
/** Serialized, uncompressed bytes of all request messages of the RPC. */
export const ClientSentBytesPerRPC: Measure = Measure.int64(
  'grpc.io/client/sent_bytes_per_rpc', 'Total bytes sent across all request messages per RPC.', 'By');
/** Response messages received in the RPC. */
export const ClientReceivedMessagesPerRPC: Measure = Measure.int64(
  'grpc.io/client/received_messages_per_rpc', 'Number of response messages received per RPC (always 1 for non-streaming RPCs).', '1');
/** Serialized, uncompressed bytes of all response messages of the RPC. */
export const ClientReceivedBytesPerRPC: Measure = Measure.int64(
  'grpc.io/client/received_bytes_per_rpc', 'Total bytes received across all response messages per RPC.', 'By');
/** Milliseconds from the start of the call to its final status. */
export const ClientRoundtripLatency: Measure = Measure.float64(
  'grpc.io/client/roundtrip_latency', 'Time between first byte of request sent to last byte of response received, or terminal error.', 'ms');
/** One per client RPC, when it starts. */
export const ClientStartedRPCs: Measure = Measure.int64('grpc.io/client/started_rpcs', 'Number of started client RPCs.', '1');
/** The server's own latency, from its `grpc-server-stats-bin` trailer, in milliseconds. */
export const ClientServerLatency: Measure = Measure.float64(
  'grpc.io/client/server_latency', 'Propagated from the server and should have the same value as "grpc.io/server/latency".', 'ms');

/** Request messages received in the RPC (1 for a unary request). */
export const ServerReceivedMessagesPerRPC: Measure = Measure.int64(
  'grpc.io/server/received_messages_per_rpc', 'Number of messages received in each RPC. Has value 1 for non-streaming RPCs.', '1');
/** Serialized, uncompressed bytes of all request messages of the RPC. */
export const ServerReceivedBytesPerRPC: Measure = Measure.int64(
  'grpc.io/server/received_bytes_per_rpc', 'Total bytes received across all messages per RPC.', 'By');
/** Response messages sent in the RPC. */
export const ServerSentMessagesPerRPC: Measure = Measure.int64(
  'grpc.io/server/sent_messages_per_rpc', 'Number of messages sent in each RPC. Has value 1 for non-streaming RPCs.', '1');
/** Serialized, uncompressed bytes of all response messages of the RPC. */
export const ServerSentBytesPerRPC: Measure = Measure.int64(
  'grpc.io/server/sent_bytes_per_rpc', 'Total bytes sent in across all response messages per RPC.', 'By');
/** One per server RPC, when it starts. */
export const ServerStartedRPCs: Measure = Measure.int64('grpc.io/server/started_rpcs', 'Number of started server RPCs.', '1');
/** Milliseconds from the arrival of the call to its final status. */
export const ServerLatency: Measure = Measure.float64(
  'grpc.io/server/server_latency', 'Time between first byte of request received to last byte of response sent, or terminal error.', 'ms');
