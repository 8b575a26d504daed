import { HOUR_MS, MINUTE_MS, SNAPSHOT_INTERVAL_MS, type SnapshotHistory } from './history';
import { OTHER_METHODS, OVERFLOW_ROW, UNTAGGED, type Sample, type SideSample } from './sample';
import type { MethodTotals } from './totals';
import { SIDES, type MissingView, type Side } from './view-set';
import { windowOf, type RpczWindow } from './window';

/** The windows of every row: the last minute, the last hour, and since the views were registered. */
export type WindowName = '1m' | '1h' | 'total';

/** One method on one side. */
export interface RpczRow {
  side: Side;
  /** `pkg.Service/Method`, or a label in parentheses for a row that is not one method (see `aggregate`). */
  method: string;
  /** RPCs started and not completed yet (cumulative started − completed). 0 without the started-RPCs view. */
  inFlight: number;
  windows: Record<WindowName, RpczWindow>;
  /** Calls/s in each 5-second step of the last 10 minutes, oldest first: the sparkline. */
  callsPerSecHistory: number[];
  /** Set on rows that sum several methods: beyond the tracking limit, the views' overflow row, or rows without a method tag. */
  aggregate?: 'other' | 'overflow' | 'untagged';
}

/** The whole page as data: `/rpcz.json`. */
export interface RpczReport {
  /** When the numbers were read (ISO 8601). */
  generatedAt: string;
  /** Server rows then client rows, each sorted by traffic (calls in the last minute, then hour, then in total); the top N per side. */
  rows: RpczRow[];
  /** Per side, the rows beyond the top N: how many, and their calls/s and errors/s over the last minute. */
  omitted: Record<Side, { methods: number; callsPerSec: number; errorsPerSec: number }>;
  /** Views the page reads that are not registered, and the columns they feed. */
  missingViews: MissingView[];
  /** The spacing of the snapshots behind the windows and the sparkline. */
  snapshotIntervalMs: number;
}

const LABELS: Record<string, { method: string; aggregate: RpczRow['aggregate'] }> = {
  [OTHER_METHODS]: { method: '(other methods)', aggregate: 'other' },
  [OVERFLOW_ROW]: { method: '(overflow row)', aggregate: 'overflow' },
  [UNTAGGED]: { method: '(no method tag)', aggregate: 'untagged' },
};

/** Reads the views now and builds the report against the history's baselines. */
export function buildReport(history: SnapshotHistory, now: number, topN: number): RpczReport {
  const live = history.sample(now);
  const bases: Record<Exclude<WindowName, 'total'>, Sample | undefined> = { '1m': history.baseline(MINUTE_MS, now), '1h': history.baseline(HOUR_MS, now) };
  const recent = history.recentSamples();
  const rows: RpczRow[] = [];
  const omitted = {} as RpczReport['omitted'];
  for (const side of SIDES) {
    const sideLive = live.sides[side];
    const sideRows = [...sideLive.methods].map(([key, totals]) => {
      const windows = {
        '1m': windowFor(key, totals, sideLive, bases['1m'], side, MINUTE_MS, now),
        '1h': windowFor(key, totals, sideLive, bases['1h'], side, HOUR_MS, now),
        total: windowOf(totals, undefined, seconds(now, sideLive.since ?? now), sideLive.latencyBounds),
      };
      const row: RpczRow = { side, method: LABELS[key]?.method ?? key, inFlight: Math.max(0, totals.started - totals.completed), windows, callsPerSecHistory: callsHistory(recent, side, key) };
      if (LABELS[key] !== undefined) row.aggregate = LABELS[key].aggregate;
      return row;
    });
    sideRows.sort(byTraffic);
    rows.push(...sideRows.slice(0, topN));
    const rest = sideRows.slice(topN);
    const sum = (f: (w: RpczWindow) => number) => rest.reduce((n, r) => n + f(r.windows['1m']), 0);
    omitted[side] = { methods: rest.length, callsPerSec: sum((w) => w.callsPerSec), errorsPerSec: sum((w) => w.errorsPerSec) };
  }
  return { generatedAt: new Date(now).toISOString(), rows, omitted, missingViews: live.missing, snapshotIntervalMs: SNAPSHOT_INTERVAL_MS };
}

/**
 * A window of `windowMs`. When the side's data all lies inside it, the
 * cumulative data is the window (exact, no snapshot needed); otherwise it
 * starts at the history's baseline; with no baseline yet it is empty.
 */
function windowFor(key: string, totals: MethodTotals, side: SideSample, base: Sample | undefined, name: Side, windowMs: number, now: number): RpczWindow {
  const since = side.since ?? now;
  if (since >= now - windowMs) return windowOf(totals, undefined, seconds(now, since), side.latencyBounds);
  if (base === undefined) return windowOf(totals, totals, 0, side.latencyBounds);
  const from = Math.max(base.time, since);
  return windowOf(totals, base.sides[name].methods.get(key), seconds(now, from), side.latencyBounds);
}

function seconds(now: number, from: number): number {
  return Math.max(0, now - from) / 1000;
}

function callsHistory(samples: Sample[], side: Side, key: string): number[] {
  const out: number[] = [];
  for (let i = 1; i < samples.length; i++) {
    const before = samples[i - 1].sides[side].methods.get(key)?.completed ?? 0;
    const after = samples[i].sides[side].methods.get(key)?.completed ?? 0;
    const dt = (samples[i].time - samples[i - 1].time) / 1000;
    out.push(dt > 0 ? (after >= before ? after - before : after) / dt : 0);
  }
  return out;
}

function byTraffic(a: RpczRow, b: RpczRow): number {
  for (const w of ['1m', '1h', 'total'] as const) {
    const d = b.windows[w].calls - a.windows[w].calls;
    if (d !== 0) return d;
  }
  return a.method < b.method ? -1 : a.method > b.method ? 1 : 0;
}
