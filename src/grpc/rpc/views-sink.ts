import type { Metadata } from '@grpc/grpc-js';
import type { TagMap } from '../../tags';
import type { Stats } from '../../views';
import { serverLatencyMs } from '../server-latency';
import { recordEnded, recordStarted } from './record-views';
import type { Rpc, RpcSink } from './sink';

/**
 * The built-in OpenCensus views (`grpc.io/client/*`, `grpc.io/server/*`),
 * recorded at begin and end from the `Rpc`'s totals: no event objects and
 * nothing per message. Its per-RPC state is the RPC's tags with the method
 * tag (shared per method when the caller set no tags).
 */
export class ViewsSink implements RpcSink<TagMap> {
  readonly perMessage = false;

  constructor(readonly stats: Stats) {}

  begin(rpc: Rpc): TagMap {
    const methodTags = rpc.info.withMethod(rpc.tags);
    recordStarted(this.stats, rpc.info, methodTags);
    return methodTags;
  }

  header(): void {}

  payload(): void {}

  trailer(_methodTags: TagMap, rpc: Rpc, out: boolean, metadata: Metadata): void {
    if (rpc.info.client && !out) rpc.serverLatencyMs = serverLatencyMs(metadata, this.stats.diagnostics);
  }

  end(methodTags: TagMap, rpc: Rpc): void {
    recordEnded(this.stats, rpc.info, methodTags, rpc, rpc.code, rpc.endTime);
  }
}
