import { currentTags } from '../tags';
import type { TagMap } from '../tags';
import { Stats, stats as defaultStats } from '../views';
import { MethodInfo, methodInfo } from './method-info';
import { serverLatencyMs } from './server-latency';
import type { RpcEvent, RpcInfo, StatsHandler } from './types';
import { recordEnded, recordStarted, type RpcTotals } from './rpc/record-views';

/** Per-RPC state of `ViewsStatsHandler`. */
export interface ViewsRpcState extends RpcTotals {
  readonly info: MethodInfo;
  readonly methodTags: TagMap;
}

/**
 * The OpenCensus views as a `StatsHandler`: records the `grpc.io/client/*`
 * and `grpc.io/server/*` measures into `stats`. The plugin records the same
 * values by itself when no `handlers` option is given (through its views sink,
 * which builds no event objects); list it in `handlers` to keep the views
 * next to your own handlers.
 */
export class ViewsStatsHandler implements StatsHandler<ViewsRpcState> {
  constructor(readonly stats: Stats = defaultStats) {
    if (!(stats instanceof Stats)) throw new TypeError('ViewsStatsHandler expects a Stats');
  }

  tagRpc(rpc: RpcInfo): ViewsRpcState {
    const info = rpc instanceof MethodInfo ? rpc : methodInfo(rpc.client, rpc.fullMethod, rpc.clientStreaming, rpc.serverStreaming);
    return {
      info,
      methodTags: info.withMethod(currentTags()),
      startTime: 0,
      sentMessages: 0,
      sentBytes: 0,
      receivedMessages: 0,
      receivedBytes: 0,
      serverLatencyMs: NaN,
    };
  }

  handleRpc(state: ViewsRpcState, event: RpcEvent): void {
    switch (event.type) {
      case 'begin':
        state.startTime = event.time;
        recordStarted(this.stats, state.info, state.methodTags);
        break;
      case 'outPayload':
        state.sentMessages++;
        state.sentBytes += event.length;
        break;
      case 'inPayload':
        state.receivedMessages++;
        state.receivedBytes += event.length;
        break;
      case 'inTrailer':
        if (state.info.client) state.serverLatencyMs = serverLatencyMs(event.metadata, this.stats.diagnostics);
        break;
      case 'end':
        if (event.connected === false) {
          state.sentMessages = 0;
          state.sentBytes = 0;
        }
        recordEnded(this.stats, state.info, state.methodTags, state, event.code, event.time);
        break;
    }
  }
}
