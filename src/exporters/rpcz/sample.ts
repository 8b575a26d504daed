import type { AggregationData, Stats } from '../../views';
import { emptyTotals, sameCounts, type MethodTotals } from './totals';
import { ROLES, SIDES, TAG_KEYS, resolveViews, type MissingView, type Role, type Side, type SideViews } from './view-set';

// Keys of rows that are not one method. Tag values are printable ASCII, so a
// key starting with NUL never collides with a real method name.
/** Methods beyond the tracking limit, summed. */
export const OTHER_METHODS = '\u0000other';
/** The views' overflow row (their row limit was reached). */
export const OVERFLOW_ROW = '\u0000overflow';
/** Rows without a method tag. */
export const UNTAGGED = '\u0000untagged';

/** One side at one instant: cumulative totals per method. */
export interface SideSample {
  methods: Map<string, MethodTotals>;
  /** Bounds of the latency view's buckets (ms), when it is registered. */
  latencyBounds?: readonly number[];
  /** When the side's data starts (ms since the epoch): the registration of its completed-RPCs view, else of its earliest view. */
  since?: number;
}

/** Every side at one instant, and the views the page could not find then. */
export interface Sample {
  time: number;
  sides: Record<Side, SideSample>;
  missing: MissingView[];
}

/**
 * Which methods get their own row. The first `max` methods seen per side keep
 * one for good (cumulative rows never go away); later ones share the
 * `OTHER_METHODS` row, so snapshots stay bounded whatever the method count.
 */
export class MethodTracker {
  private readonly seen: Record<Side, Set<string>> = { client: new Set(), server: new Set() };

  constructor(private readonly max: number) {}

  /** The row key for `method` on `side`. */
  keyOf(side: Side, method: string): string {
    const seen = this.seen[side];
    if (seen.has(method)) return method;
    if (seen.size >= this.max) return OTHER_METHODS;
    seen.add(method);
    return method;
  }
}

/**
 * Reads the cumulative data of the gRPC views at `time`. The latency arrays
 * of methods whose latency did not change since `previous` are shared with
 * it, so an idle method costs a few numbers per snapshot.
 */
export function takeSample(stats: Stats, time: number, tracker: MethodTracker, previous?: Sample): Sample {
  const { views, missing } = resolveViews(stats);
  const sides = {} as Record<Side, SideSample>;
  for (const side of SIDES) sides[side] = sampleSide(stats, side, views[side], tracker, previous?.sides[side]);
  return { time, sides, missing };
}

function sampleSide(stats: Stats, side: Side, views: SideViews, tracker: MethodTracker, previous: SideSample | undefined): SideSample {
  const methods = new Map<string, MethodTotals>();
  const out: SideSample = { methods };
  const keys = TAG_KEYS[side];
  let earliest: number | undefined;
  for (const role of ROLES) {
    const view = views[role];
    if (view === undefined) continue;
    const start = stats.viewStart(view).getTime();
    earliest = Math.min(start, earliest ?? start);
    stats.forEachRow(view, (tags, data) => {
      const key = keyOf(tags, keys.method, side, tracker);
      let totals = methods.get(key);
      if (totals === undefined) methods.set(key, (totals = emptyTotals()));
      add(totals, role, data, tags[keys.status]);
      if (role === 'latency' && data.type === 'distribution') out.latencyBounds ??= data.bucketBounds;
    });
  }
  out.since = views.completed !== undefined ? stats.viewStart(views.completed).getTime() : earliest;
  if (previous !== undefined) {
    for (const [key, totals] of methods) {
      const before = previous.methods.get(key)?.latency;
      if (sameCounts(before, totals.latency)) totals.latency = before;
    }
  }
  return out;
}

function keyOf(tags: Readonly<Record<string, string>>, methodKey: string, side: Side, tracker: MethodTracker): string {
  const method = tags[methodKey];
  if (method !== undefined) return tracker.keyOf(side, method);
  return tags.census_overflow === 'true' ? OVERFLOW_ROW : UNTAGGED;
}

function add(t: MethodTotals, role: Role, data: AggregationData, status: string | undefined): void {
  const value = data.type === 'distribution' ? data.sum : data.value;
  switch (role) {
    case 'completed': {
      t.completed += value;
      const name = status ?? '(none)';
      t.byStatus!.set(name, (t.byStatus!.get(name) ?? 0) + value);
      return;
    }
    case 'started':
      t.started += value;
      return;
    case 'latency':
      if (data.type !== 'distribution') return;
      if (t.latency === undefined) t.latency = [...data.bucketCounts];
      else for (let i = 0; i < t.latency.length; i++) t.latency[i] += data.bucketCounts[i] ?? 0;
      return;
    default:
      t[role] += value;
  }
}
