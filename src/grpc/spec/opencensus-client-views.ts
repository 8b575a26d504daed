import { Aggregation } from '../../views';
import { View } from '../../views';
import { DefaultBytesDistribution, DefaultMessageCountDistribution, DefaultMillisecondsDistribution } from './buckets';
import {
  ClientReceivedBytesPerRPC,
  ClientReceivedMessagesPerRPC,
  ClientRoundtripLatency,
  ClientSentBytesPerRPC,
  ClientSentMessagesPerRPC,
  ClientServerLatency,
  ClientStartedRPCs,
} from './opencensus-measures';
import { KeyClientMethod, KeyClientStatus } from './tag-keys';

// Names and descriptions as opencensus-go's plugin/ocgrpc/client_metrics.go.

/** Distribution of request bytes per RPC, by method. Default. */
export const ClientSentBytesPerRPCView: View = new View({
  name: 'grpc.io/client/sent_bytes_per_rpc', description: 'Distribution of bytes sent per RPC, by method.',
  measure: ClientSentBytesPerRPC, aggregation: DefaultBytesDistribution, tagKeys: [KeyClientMethod],
});

/** Distribution of response bytes per RPC, by method. Default. */
export const ClientReceivedBytesPerRPCView: View = new View({
  name: 'grpc.io/client/received_bytes_per_rpc', description: 'Distribution of bytes received per RPC, by method.',
  measure: ClientReceivedBytesPerRPC, aggregation: DefaultBytesDistribution, tagKeys: [KeyClientMethod],
});

/** Distribution of round-trip latency (ms), by method. Default. */
export const ClientRoundtripLatencyView: View = new View({
  name: 'grpc.io/client/roundtrip_latency', description: 'Distribution of round-trip latency, by method.',
  measure: ClientRoundtripLatency, aggregation: DefaultMillisecondsDistribution, tagKeys: [KeyClientMethod],
});

/** Count of completed RPCs by method and status: a count over the round-trip latency measure. Default. */
export const ClientCompletedRPCsView: View = new View({
  name: 'grpc.io/client/completed_rpcs', description: 'Count of RPCs by method and status.',
  measure: ClientRoundtripLatency, aggregation: Aggregation.count(), tagKeys: [KeyClientMethod, KeyClientStatus],
});

/** Count of started RPCs, by method. Default (the spec's; opencensus-go leaves it out). */
export const ClientStartedRPCsView: View = new View({
  name: 'grpc.io/client/started_rpcs', description: 'Number of started client RPCs.',
  measure: ClientStartedRPCs, aggregation: Aggregation.count(), tagKeys: [KeyClientMethod],
});

/** Distribution of request messages per RPC, by method. Extra. */
export const ClientSentMessagesPerRPCView: View = new View({
  name: 'grpc.io/client/sent_messages_per_rpc', description: 'Distribution of sent messages count per RPC, by method.',
  measure: ClientSentMessagesPerRPC, aggregation: DefaultMessageCountDistribution, tagKeys: [KeyClientMethod],
});

/** Distribution of response messages per RPC, by method. Extra. */
export const ClientReceivedMessagesPerRPCView: View = new View({
  name: 'grpc.io/client/received_messages_per_rpc', description: 'Distribution of received messages count per RPC, by method.',
  measure: ClientReceivedMessagesPerRPC, aggregation: DefaultMessageCountDistribution, tagKeys: [KeyClientMethod],
});

/** Distribution of the server's own latency (ms) as the client learns it from `grpc-server-stats-bin`, by method. Extra. */
export const ClientServerLatencyView: View = new View({
  name: 'grpc.io/client/server_latency', description: 'Distribution of server latency as viewed by client, by method.',
  measure: ClientServerLatency, aggregation: DefaultMillisecondsDistribution, tagKeys: [KeyClientMethod],
});

/** The spec's five default client views (frozen: register them, copy them, never change them): sent/received bytes, round-trip latency, completed and started RPCs. */
export const DefaultClientViews: View[] = Object.freeze([
  ClientSentBytesPerRPCView,
  ClientReceivedBytesPerRPCView,
  ClientRoundtripLatencyView,
  ClientCompletedRPCsView,
  ClientStartedRPCsView,
]) as View[];

/** The three extra client views (frozen): sent/received messages per RPC and server latency. */
export const ExtraClientViews: View[] = Object.freeze([ClientSentMessagesPerRPCView, ClientReceivedMessagesPerRPCView, ClientServerLatencyView]) as View[];
