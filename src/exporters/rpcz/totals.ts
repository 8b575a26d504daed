// Cumulative counters of one method on one side, as read from the views at
// one instant. A window is the difference of two of these.

/**
 * What the page keeps per method and side at each snapshot. Everything is
 * cumulative since the view was registered. `byStatus` and `latency` are the
 * large parts: a thinned snapshot (kept only for the sparkline) drops them.
 */
export interface MethodTotals {
  /** Completed RPCs, every status. */
  completed: number;
  started: number;
  /** Completed RPCs by status name (`OK`, `NOT_FOUND`, …); absent in a thinned snapshot. */
  byStatus?: Map<string, number>;
  /** Cumulative latency bucket counts (the view's `bucketCounts`); absent without the view or when thinned. */
  latency?: number[];
  bytesIn: number;
  bytesOut: number;
  messagesIn: number;
  messagesOut: number;
}

/** Zero totals with an empty status map. */
export function emptyTotals(): MethodTotals {
  return { completed: 0, started: 0, byStatus: new Map(), bytesIn: 0, bytesOut: 0, messagesIn: 0, messagesOut: 0 };
}

/** The same totals without the status map and latency buckets. */
export function thin(t: MethodTotals): MethodTotals {
  return { completed: t.completed, started: t.started, bytesIn: t.bytesIn, bytesOut: t.bytesOut, messagesIn: t.messagesIn, messagesOut: t.messagesOut };
}

/** `a` and `b` hold the same latency counts (so a snapshot can share one array instead of copying it). */
export function sameCounts(a: readonly number[] | undefined, b: readonly number[] | undefined): boolean {
  if (a === undefined || b === undefined || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
