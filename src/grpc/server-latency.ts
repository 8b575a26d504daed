import type { Metadata } from '@grpc/grpc-js';
import type { Diagnostics } from '../views';
import { metadataValues } from './grpcjs/internals';
import { SERVER_STATS_HEADER, decodeServerStats } from './server-stats-codec';

/**
 * The server latency (ms) a `grpc-server-stats-bin` trailer carries, or NaN
 * when there is none. A malformed one is counted as
 * `grpc.malformedServerStats` and ignored. Never throws.
 */
export function serverLatencyMs(trailers: Metadata | null | undefined, diagnostics: Diagnostics): number {
  let values: readonly unknown[];
  try {
    values = trailers ? metadataValues(trailers, SERVER_STATS_HEADER, diagnostics) : [];
  } catch {
    values = [];
  }
  if (values.length === 0) return NaN;
  const ns = decodeServerStats(values[0]);
  if (ns === undefined) {
    diagnostics.increment('grpc.malformedServerStats');
    return NaN;
  }
  return ns / 1e6;
}
