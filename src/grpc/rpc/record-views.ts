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
  stats._recordValue(info.client ? ClientStartedRPCs : ServerStartedRPCs, 1, methodTags);
}

/**
 * Records every end-of-RPC measure once, tagged with the method and the final
 * status `code`. One `_recordValue` per measure: no Measurement objects and no
 * array per RPC.
 */
export function recordEnded(stats: Stats, info: MethodInfo, methodTags: TagMap, totals: RpcTotals, code: number, now: number): void {
  const tags = info.withStatus(methodTags, code);
  const latency = now - totals.startTime;
  // Unknown sizes (NaN) are left out rather than counted as rejected values.
  const sentKnown = totals.sentBytes === totals.sentBytes;
  const receivedKnown = totals.receivedBytes === totals.receivedBytes;
  if (info.client) {
    stats._recordValue(ClientSentMessagesPerRPC, totals.sentMessages, tags);
    stats._recordValue(ClientReceivedMessagesPerRPC, totals.receivedMessages, tags);
    stats._recordValue(ClientRoundtripLatency, latency, tags);
    if (sentKnown) stats._recordValue(ClientSentBytesPerRPC, totals.sentBytes, tags);
    if (receivedKnown) stats._recordValue(ClientReceivedBytesPerRPC, totals.receivedBytes, tags);
    if (totals.serverLatencyMs === totals.serverLatencyMs) stats._recordValue(ClientServerLatency, totals.serverLatencyMs, tags);
  } else {
    stats._recordValue(ServerReceivedMessagesPerRPC, totals.receivedMessages, tags);
    stats._recordValue(ServerSentMessagesPerRPC, totals.sentMessages, tags);
    stats._recordValue(ServerLatency, latency, tags);
    if (sentKnown) stats._recordValue(ServerSentBytesPerRPC, totals.sentBytes, tags);
    if (receivedKnown) stats._recordValue(ServerReceivedBytesPerRPC, totals.receivedBytes, tags);
  }
}
