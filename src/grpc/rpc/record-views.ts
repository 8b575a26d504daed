import type { TagMap } from '../../tags';
import type { Stats } from '../../views';
import type { MethodInfo } from '../method-info';
import {
  ClientReceivedBytesPerRPC,
  ClientReceivedMessagesPerRPC,
  ClientRoundtripLatency,
  ClientSentBytesPerRPC,
  ClientSentMessagesPerRPC,
  ClientServerLatency,
  ClientStartedRPCs,
  ServerLatency,
  ServerReceivedBytesPerRPC,
  ServerReceivedMessagesPerRPC,
  ServerSentBytesPerRPC,
  ServerSentMessagesPerRPC,
  ServerStartedRPCs,
} from '../spec/opencensus-measures';

/** What an RPC accumulated by its end. Byte totals are NaN when some size was unknown; they are then not recorded. */
export interface RpcTotals {
  startTime: number;
  sentMessages: number;
  sentBytes: number;
  receivedMessages: number;
  receivedBytes: number;
  /** Client only: the server's latency from `grpc-server-stats-bin`, NaN when absent. */
  serverLatencyMs: number;
}

/** Records started_rpcs. `methodTags` is the RPC's tags with the method tag (`MethodInfo.withMethod`). */
export function recordStarted(stats: Stats, info: MethodInfo, methodTags: TagMap): void {
  stats.recordValue(info.client ? ClientStartedRPCs : ServerStartedRPCs, 1, methodTags);
}

/**
 * Records every end-of-RPC measure once, tagged with the method and the final
 * status `code`. One `recordValue` per measure: no Measurement objects and no
 * array per RPC.
 */
export function recordEnded(stats: Stats, info: MethodInfo, methodTags: TagMap, totals: RpcTotals, code: number, now: number): void {
  const tags = info.withStatus(methodTags, code);
  const latency = now - totals.startTime;
  // Unknown sizes (NaN) are left out rather than counted as rejected values.
  const sentKnown = totals.sentBytes === totals.sentBytes;
  const receivedKnown = totals.receivedBytes === totals.receivedBytes;
  if (info.client) {
    stats.recordValue(ClientSentMessagesPerRPC, totals.sentMessages, tags);
    stats.recordValue(ClientReceivedMessagesPerRPC, totals.receivedMessages, tags);
    stats.recordValue(ClientRoundtripLatency, latency, tags);
    if (sentKnown) stats.recordValue(ClientSentBytesPerRPC, totals.sentBytes, tags);
    if (receivedKnown) stats.recordValue(ClientReceivedBytesPerRPC, totals.receivedBytes, tags);
    if (totals.serverLatencyMs === totals.serverLatencyMs) stats.recordValue(ClientServerLatency, totals.serverLatencyMs, tags);
  } else {
    stats.recordValue(ServerReceivedMessagesPerRPC, totals.receivedMessages, tags);
    stats.recordValue(ServerSentMessagesPerRPC, totals.sentMessages, tags);
    stats.recordValue(ServerLatency, latency, tags);
    if (sentKnown) stats.recordValue(ServerSentBytesPerRPC, totals.sentBytes, tags);
    if (receivedKnown) stats.recordValue(ServerReceivedBytesPerRPC, totals.receivedBytes, tags);
  }
}
