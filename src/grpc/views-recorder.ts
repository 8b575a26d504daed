import type { Measurement } from '../measures/measure';
import type { TagMap } from '../tags/tag-map';
import type { Stats } from '../views/stats';
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
} from './measures';
import type { MethodInfo } from './method-info';

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

/** A client RPC that never got a connection sent nothing (opencensus-go records 0 sent messages and bytes). */
export function forgetSent(totals: RpcTotals): void {
  totals.sentMessages = 0;
  totals.sentBytes = 0;
}

/** Records started_rpcs. `methodTags` is the RPC's tags with the method tag (`MethodInfo.withMethod`). */
export function recordStarted(stats: Stats, info: MethodInfo, methodTags: TagMap): void {
  stats.record((info.client ? ClientStartedRPCs : ServerStartedRPCs).m(1), methodTags);
}

/** Records every end-of-RPC measure once, tagged with the method and the final status `code`. */
export function recordEnded(stats: Stats, info: MethodInfo, methodTags: TagMap, totals: RpcTotals, code: number, now: number): void {
  const tags = info.withStatus(methodTags, code);
  const latency = now - totals.startTime;
  const m: Measurement[] = info.client
    ? [
        ClientSentMessagesPerRPC.m(totals.sentMessages),
        ClientReceivedMessagesPerRPC.m(totals.receivedMessages),
        ClientRoundtripLatency.m(latency),
      ]
    : [
        ServerReceivedMessagesPerRPC.m(totals.receivedMessages),
        ServerSentMessagesPerRPC.m(totals.sentMessages),
        ServerLatency.m(latency),
      ];
  // Unknown sizes (NaN) are left out rather than counted as rejected values.
  if (totals.sentBytes === totals.sentBytes) m.push((info.client ? ClientSentBytesPerRPC : ServerSentBytesPerRPC).m(totals.sentBytes));
  if (totals.receivedBytes === totals.receivedBytes) {
    m.push((info.client ? ClientReceivedBytesPerRPC : ServerReceivedBytesPerRPC).m(totals.receivedBytes));
  }
  if (info.client && totals.serverLatencyMs === totals.serverLatencyMs) m.push(ClientServerLatency.m(totals.serverLatencyMs));
  stats.record(m, tags);
}
