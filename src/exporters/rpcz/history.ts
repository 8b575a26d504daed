import type { Stats } from '../../views';
import { Ring } from './ring';
import { takeSample, type MethodTracker, type Sample, type SideSample } from './sample';
import { thin } from './totals';
import { SIDES, type Side } from './view-set';

/** How often the views are read: the resolution of the one-minute window and of the sparkline. */
export const SNAPSHOT_INTERVAL_MS = 5_000;
/** One minute, the short window. */
export const MINUTE_MS = 60_000;
/** One hour, the long window. */
export const HOUR_MS = 3_600_000;
/** Snapshots behind the sparkline: 10 minutes at 5 s. */
export const SPARKLINE_SNAPSHOTS = 121;
/** The newest snapshots kept whole: enough to find a baseline one minute back (5 s apart at least). */
const WHOLE_RECENT = MINUTE_MS / SNAPSHOT_INTERVAL_MS + 1;
/** Minute snapshots behind the hour window. */
const HOUR_SNAPSHOTS = HOUR_MS / MINUTE_MS + 1;

/**
 * The page's memory of the past: snapshots of the cumulative view data, never
 * touched by the RPC path. Two rings, so memory is fixed:
 * - every 5 s, 121 snapshots (10 minutes); only the newest 13 (one minute)
 *   keep their latency buckets and status counts, older ones only feed the
 *   sparkline;
 * - every minute, 61 whole snapshots (one hour).
 * A window's baseline is the oldest snapshot inside it; its rates divide by
 * the time actually covered, so a late timer makes a window shorter, not wrong.
 */
export class SnapshotHistory {
  private readonly recent = new Ring<Sample>(SPARKLINE_SNAPSHOTS);
  private readonly minutes = new Ring<Sample>(HOUR_SNAPSHOTS);

  constructor(
    private readonly stats: Stats,
    private readonly tracker: MethodTracker,
  ) {}

  /**
   * Reads the views at `now`. The reading joins the history when the newest
   * snapshot is at least 5 s old (the timer and every page view call this,
   * so the history catches up after a stalled timer); either way it is returned.
   */
  sample(now: number): Sample {
    const last = this.recent.last();
    const sample = takeSample(this.stats, now, this.tracker, last);
    if (last !== undefined && now - last.time < SNAPSHOT_INTERVAL_MS) return sample;
    this.recent.push(sample);
    // A snapshot may also be in `minutes`: thinning replaces it here, never mutates it.
    const old = this.recent.size - WHOLE_RECENT - 1;
    const oldSample = this.recent.at(old);
    if (oldSample !== undefined) this.recent.set(old, thinned(oldSample));
    const lastMinute = this.minutes.last();
    if (lastMinute === undefined || now - lastMinute.time >= MINUTE_MS) this.minutes.push(sample);
    return sample;
  }

  /**
   * The snapshot a window of `windowMs` ending at `now` starts from: the
   * oldest whole one inside it (before `now`), else the newest older one;
   * none before the first snapshot.
   */
  baseline(windowMs: number, now: number): Sample | undefined {
    const short = windowMs <= MINUTE_MS;
    const ring = short ? this.recent : this.minutes;
    let older: Sample | undefined;
    for (let i = short ? Math.max(0, ring.size - WHOLE_RECENT) : 0; i < ring.size; i++) {
      const s = ring.at(i)!;
      if (s.time >= now) break;
      if (s.time >= now - windowMs) return s;
      older = s;
    }
    return older;
  }

  /** The 5-second snapshots, oldest first, for the sparkline. */
  recentSamples(): Sample[] {
    return this.recent.toArray();
  }
}

function thinned(s: Sample): Sample {
  const sides = {} as Record<Side, SideSample>;
  for (const side of SIDES) {
    const src = s.sides[side];
    sides[side] = { since: src.since, methods: new Map([...src.methods].map(([k, t]) => [k, thin(t)])) };
  }
  return { time: s.time, sides, missing: s.missing };
}
