import {
  DefaultClientViews,
  DefaultServerViews,
  ExtraClientViews,
  ExtraServerViews,
  Stats,
  type AggregationData,
  type StatsOptions,
  type View,
} from '../../../src';

/** A fresh Stats with all 15 gRPC views registered. */
export function statsWithAllViews(options?: StatsOptions): Stats {
  const stats = new Stats(options);
  stats.registerView(...DefaultClientViews, ...ExtraClientViews, ...DefaultServerViews, ...ExtraServerViews);
  return stats;
}

/** A row reduced to what tests compare: tags and count (+ sum for distributions and sums). */
export interface RowSummary {
  tags: Record<string, string>;
  count: number;
  sum?: number;
}

/** The rows of `view`, summarized, sorted by tags. */
export function rows(stats: Stats, view: View | string): RowSummary[] {
  return stats
    .retrieveData(view)
    .map((r) => ({ tags: r.tags, ...summary(r.data) }))
    .sort((a, b) => JSON.stringify(a.tags).localeCompare(JSON.stringify(b.tags)));
}

function summary(data: AggregationData): { count: number; sum?: number } {
  if (data.type === 'distribution') return { count: data.count, sum: data.sum };
  return { count: data.value };
}

/** The distribution data of the only row of `view`. */
export function onlyDistribution(stats: Stats, view: View | string): Extract<AggregationData, { type: 'distribution' }> {
  const all = stats.retrieveData(view);
  if (all.length !== 1 || all[0].data.type !== 'distribution') throw new Error(`expected one distribution row in ${String(view)}, got ${JSON.stringify(all)}`);
  return all[0].data;
}

/** Total count over the rows of `view` (0 without rows). */
export function total(stats: Stats, view: View | string): number {
  return rows(stats, view).reduce((n, r) => n + r.count, 0);
}

/** Waits (bounded: 10 s) until `cond()` holds; the server records some endings a tick after the client sees them. */
export async function waitFor(cond: () => boolean, what = 'condition'): Promise<void> {
  for (let i = 0; i < 1000; i++) {
    if (cond()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
}
