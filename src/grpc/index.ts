export { KeyClientMethod, KeyClientStatus, KeyServerMethod, KeyServerStatus } from './spec/tag-keys';
export {
  ClientSentMessagesPerRPC,
  ClientSentBytesPerRPC,
  ClientReceivedMessagesPerRPC,
  ClientReceivedBytesPerRPC,
  ClientRoundtripLatency,
  ClientServerLatency,
  ClientStartedRPCs,
  ServerReceivedMessagesPerRPC,
  ServerReceivedBytesPerRPC,
  ServerSentMessagesPerRPC,
  ServerSentBytesPerRPC,
  ServerLatency,
  ServerStartedRPCs,
} from './spec/opencensus-measures';
export {
  ClientSentBytesPerRPCView,
  ClientReceivedBytesPerRPCView,
  ClientRoundtripLatencyView,
  ClientCompletedRPCsView,
  ClientStartedRPCsView,
  ClientSentMessagesPerRPCView,
  ClientReceivedMessagesPerRPCView,
  ClientServerLatencyView,
  DefaultClientViews,
  ExtraClientViews,
} from './spec/opencensus-client-views';
export {
  ServerReceivedBytesPerRPCView,
  ServerSentBytesPerRPCView,
  ServerLatencyView,
  ServerCompletedRPCsView,
  ServerStartedRPCsView,
  ServerReceivedMessagesPerRPCView,
  ServerSentMessagesPerRPCView,
  DefaultServerViews,
  ExtraServerViews,
} from './spec/opencensus-server-views';
export { DefaultBytesDistribution, DefaultMillisecondsDistribution, DefaultMessageCountDistribution } from './spec/buckets';
export { clientOptions } from './grpcjs/client-options';
export { createServer } from './grpcjs/create-server';
export type { CensusServerOptions } from './grpcjs/create-server';
export { clientInterceptor } from './grpcjs/client-interceptor';
export { serverInterceptor } from './grpcjs/server-interceptor';
export { ViewsStatsHandler } from './views-handler';
export type { ViewsRpcState } from './views-handler';
export { SERVER_STATS_HEADER, encodeServerStats, decodeServerStats } from './server-stats-codec';
export { TAGS_HEADER } from './plugin';
export { statusName } from './spec/status-names';
export type { RpcInfo, RpcEvent, StatsHandler, PluginOptions } from './types';
// gRFC A66 (OpenTelemetry metrics for gRPC): attributes, instruments as measures, views.
export { KeyGrpcMethod, KeyGrpcStatus, KeyGrpcTarget } from './spec/a66-tag-keys';
export {
  A66ClientAttemptStarted,
  A66ClientAttemptDuration,
  A66ClientAttemptSentTotalCompressedMessageSize,
  A66ClientAttemptRcvdTotalCompressedMessageSize,
  A66ClientCallDuration,
  A66ServerCallStarted,
  A66ServerCallSentTotalCompressedMessageSize,
  A66ServerCallRcvdTotalCompressedMessageSize,
  A66ServerCallDuration,
} from './spec/a66-measures';
export {
  A66ClientAttemptStartedView,
  A66ClientAttemptDurationView,
  A66ClientAttemptSentTotalCompressedMessageSizeView,
  A66ClientAttemptRcvdTotalCompressedMessageSizeView,
  A66ClientCallDurationView,
  A66ClientViews,
} from './spec/a66-client-views';
export {
  A66ServerCallStartedView,
  A66ServerCallSentTotalCompressedMessageSizeView,
  A66ServerCallRcvdTotalCompressedMessageSizeView,
  A66ServerCallDurationView,
  A66ServerViews,
} from './spec/a66-server-views';
export { A66LatencyDistribution, A66SizeDistribution } from './spec/a66-buckets';
