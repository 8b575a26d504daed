import { Aggregation } from '../../views';
import { View } from '../../views';
import { DefaultBytesDistribution, DefaultMessageCountDistribution, DefaultMillisecondsDistribution } from './buckets';
import {
  ServerLatency,
  ServerReceivedBytesPerRPC,
  ServerReceivedMessagesPerRPC,
  ServerSentBytesPerRPC,
  ServerSentMessagesPerRPC,
  ServerStartedRPCs,
} from './opencensus-measures';
import { KeyServerMethod, KeyServerStatus } from './tag-keys';

// Names and descriptions as opencensus-go's plugin/ocgrpc/server_metrics.go.

/** Distribution of request bytes per RPC, by method. Default. */
export const ServerReceivedBytesPerRPCView: View = new View({
  name: 'grpc.io/server/received_bytes_per_rpc', description: 'Distribution of received bytes per RPC, by method.',
  measure: ServerReceivedBytesPerRPC, aggregation: DefaultBytesDistribution, tagKeys: [KeyServerMethod],
});

/** Distribution of response bytes per RPC, by method. Default. */
export const ServerSentBytesPerRPCView: View = new View({
  name: 'grpc.io/server/sent_bytes_per_rpc', description: 'Distribution of total sent bytes per RPC, by method.',
  measure: ServerSentBytesPerRPC, aggregation: DefaultBytesDistribution, tagKeys: [KeyServerMethod],
});

/** Distribution of server latency (ms), by method. Default. */
export const ServerLatencyView: View = new View({
  name: 'grpc.io/server/server_latency', description: 'Distribution of server latency in milliseconds, by method.',
  measure: ServerLatency, aggregation: DefaultMillisecondsDistribution, tagKeys: [KeyServerMethod],
});

/** Count of completed RPCs by method and status: a count over the server latency measure. Default. */
export const ServerCompletedRPCsView: View = new View({
  name: 'grpc.io/server/completed_rpcs', description: 'Count of RPCs by method and status.',
  measure: ServerLatency, aggregation: Aggregation.count(), tagKeys: [KeyServerMethod, KeyServerStatus],
});

/** Count of started RPCs, by method. Default (the spec's; opencensus-go leaves it out). */
export const ServerStartedRPCsView: View = new View({
  name: 'grpc.io/server/started_rpcs', description: 'Number of started server RPCs.',
  measure: ServerStartedRPCs, aggregation: Aggregation.count(), tagKeys: [KeyServerMethod],
});

/** Distribution of request messages per RPC, by method. Extra. */
export const ServerReceivedMessagesPerRPCView: View = new View({
  name: 'grpc.io/server/received_messages_per_rpc', description: 'Distribution of messages received count per RPC, by method.',
  measure: ServerReceivedMessagesPerRPC, aggregation: DefaultMessageCountDistribution, tagKeys: [KeyServerMethod],
});

/** Distribution of response messages per RPC, by method. Extra. */
export const ServerSentMessagesPerRPCView: View = new View({
  name: 'grpc.io/server/sent_messages_per_rpc', description: 'Distribution of messages sent count per RPC, by method.',
  measure: ServerSentMessagesPerRPC, aggregation: DefaultMessageCountDistribution, tagKeys: [KeyServerMethod],
});

/** The spec's five default server views (frozen: register them, copy them, never change them): received/sent bytes, server latency, completed and started RPCs. */
export const DefaultServerViews: View[] = Object.freeze([
  ServerReceivedBytesPerRPCView,
  ServerSentBytesPerRPCView,
  ServerLatencyView,
  ServerCompletedRPCsView,
  ServerStartedRPCsView,
]) as View[];

/** The two extra server views (frozen): received/sent messages per RPC. */
export const ExtraServerViews: View[] = Object.freeze([ServerReceivedMessagesPerRPCView, ServerSentMessagesPerRPCView]) as View[];
