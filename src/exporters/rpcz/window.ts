import { quantileFromBuckets } from './percentiles';
import type { MethodTotals } from './totals';

/**
 * What happened to one method on one side during one window. Part of the
 * `/rpcz.json` contract: `calls` … `receivedBytesPerSec` are binding (see the
 * API docs); the rest are additions.
 */
export interface RpczWindow {
  /** RPCs completed in the window, every status. */
  calls: number;
  /** RPCs completed with a status other than OK. */
  errors: number;
  callsPerSec: number;
  errorsPerSec: number;
  /** Errors by status name (`NOT_FOUND`: 3); OK is not an error and is left out. */
  errorsByStatus: Record<string, number>;
  /** Percentiles of the completed RPCs' latency, interpolated from the view's buckets; null without calls or without the latency view. */
  latencyMs: { p50: number; p90: number; p99: number } | null;
  sentBytesPerSec: number;
  receivedBytesPerSec: number;
  sentMessagesPerSec: number;
  receivedMessagesPerSec: number;
  /** How many seconds the window actually covers (shorter than its name until the page has watched that long). */
  seconds: number;
}

/**
 * The window between `base` (undefined: since the views were registered) and
 * `live`, covering `seconds`. Counters that went backwards (a view was
 * registered again, so its data restarted) count from zero.
 */
export function windowOf(live: MethodTotals, base: MethodTotals | undefined, seconds: number, latencyBounds: readonly number[] | undefined): RpczWindow {
  const calls = delta(live.completed, base?.completed);
  const errorsByStatus: Record<string, number> = {};
  let errors = 0;
  for (const [status, n] of live.byStatus ?? []) {
    if (status === 'OK') continue;
    const d = delta(n, base?.byStatus?.get(status));
    if (d > 0) {
      errorsByStatus[status] = d;
      errors += d;
    }
  }
  const rate = (n: number) => (seconds > 0 ? n / seconds : 0);
  return {
    calls,
    errors,
    callsPerSec: rate(calls),
    errorsPerSec: rate(errors),
    errorsByStatus,
    latencyMs: latencyOf(live.latency, base?.latency, latencyBounds),
    sentBytesPerSec: rate(delta(live.bytesOut, base?.bytesOut)),
    receivedBytesPerSec: rate(delta(live.bytesIn, base?.bytesIn)),
    sentMessagesPerSec: rate(delta(live.messagesOut, base?.messagesOut)),
    receivedMessagesPerSec: rate(delta(live.messagesIn, base?.messagesIn)),
    seconds,
  };
}

function delta(now: number, before: number | undefined): number {
  return before === undefined || now < before ? now : now - before;
}

function latencyOf(live: readonly number[] | undefined, base: readonly number[] | undefined, bounds: readonly number[] | undefined): RpczWindow['latencyMs'] {
  if (live === undefined || bounds === undefined || live.length !== bounds.length + 1) return null;
  let counts = live;
  if (base !== undefined && base.length === live.length && base.every((b, i) => b <= live[i])) counts = live.map((c, i) => c - base[i]);
  const p50 = quantileFromBuckets(bounds, counts, 0.5);
  if (p50 === undefined) return null;
  return { p50, p90: quantileFromBuckets(bounds, counts, 0.9)!, p99: quantileFromBuckets(bounds, counts, 0.99)! };
}
