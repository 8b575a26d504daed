import { Aggregation, Measure, Stats, TagMap, View } from '../../src';
import type { StatsExporter, ViewData } from '../../src';

// Issue: a push exporter whose export never settles grew memory without
// bound: every tick started one more export and kept its snapshot alive (138
// exports in flight and +357 MB in 10 s with a 20 ms period and a
// 2000-row × 40-bucket view). Now each exporter has at most one export
// running; ticks that find it running are skipped and counted, and an export
// past the timeout is abandoned and counted. Scaled down, on fake timers: the
// test counts exports in flight and snapshots kept, not time.
const measure = Measure.float64('test/regression/hung-exporter', 'latency', 'ms');
const bounds = Array.from({ length: 40 }, (_, i) => i + 1);
const view = new View({ name: 'test/hung', measure, aggregation: Aggregation.distribution(bounds), tagKeys: ['k'] });

/** An exporter whose exports never settle; it counts calls and holds nothing. */
function hung(): StatsExporter & { calls: number } {
  const e = { calls: 0, export: (_data: ViewData[]) => (e.calls++, new Promise<void>(() => {})) };
  return e;
}

/** Snapshots the exporter received that are still reachable. */
function tracking(): StatsExporter & { live: () => number } {
  const refs: WeakRef<ViewData[]>[] = [];
  return {
    export: (data) => (refs.push(new WeakRef(data)), new Promise<void>(() => {})),
    live: () => refs.filter((r) => r.deref() !== undefined).length,
  };
}

describe('an exporter that never settles', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  function busyStats(options = {}): Stats {
    const stats = new Stats({ reportingPeriodMs: 20, warn: () => {}, ...options });
    stats.registerView(view);
    for (let i = 0; i < 200; i++) stats.recordValue(measure, i % 41, TagMap.from({ k: `row${i}` }));
    return stats;
  }

  it('has at most one export in flight; skipped ticks are counted', () => {
    const stats = busyStats();
    const e = hung();
    stats.registerExporter(e);
    jest.advanceTimersByTime(20 * 500); // 500 ticks, 10 s
    expect(e.calls).toBe(1);
    expect(stats.diagnostics.get('exportsSkipped')).toBe(499);
    stats.unregisterExporter(e);
  });

  it('abandons an export after the timeout (counted), then exports again', () => {
    const stats = busyStats({ exportTimeoutMs: 1000 });
    const e = hung();
    stats.registerExporter(e);
    jest.advanceTimersByTime(20 * 500);
    // One export per second: each runs 1000 ms, then the next tick starts the next.
    expect(e.calls).toBeGreaterThanOrEqual(9);
    expect(e.calls).toBeLessThanOrEqual(10);
    expect(stats.diagnostics.get('exportTimeouts')).toBe(e.calls - 1);
    stats.unregisterExporter(e);
  });

  it('defaults the timeout to 30 s', () => {
    const stats = busyStats();
    const e = hung();
    stats.registerExporter(e);
    jest.advanceTimersByTime(30_000 - 20);
    expect(stats.diagnostics.get('exportTimeouts')).toBe(0);
    jest.advanceTimersByTime(60);
    expect(stats.diagnostics.get('exportTimeouts')).toBe(1);
    expect(e.calls).toBe(2);
    stats.unregisterExporter(e);
  });

  it('keeps no snapshot of an abandoned export alive on its own side', async () => {
    const { setFlagsFromString } = await import('node:v8');
    const { runInNewContext } = await import('node:vm');
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const stats = busyStats({ exportTimeoutMs: 100 });
    const e = tracking();
    stats.registerExporter(e);
    jest.advanceTimersByTime(20 * 500);
    // A WeakRef keeps its target alive until the current job ends: let it end.
    jest.useRealTimers();
    await new Promise((resolve) => setImmediate(resolve));
    gc();
    // Only the export still running may hold its snapshot.
    expect(e.live()).toBeLessThanOrEqual(1);
    stats.unregisterExporter(e);
  });

  it('flush still exports now and resolves: after the running export times out', async () => {
    const stats = busyStats({ exportTimeoutMs: 1000 });
    const e = hung();
    stats.registerExporter(e);
    jest.advanceTimersByTime(20); // the tick's export starts and hangs
    let flushed = false;
    const flush = stats.flush().then(() => (flushed = true));
    await jest.advanceTimersByTimeAsync(1000); // the tick's export is abandoned; the flush's export starts
    expect(e.calls).toBe(2);
    expect(flushed).toBe(false);
    await jest.advanceTimersByTimeAsync(1000); // and is abandoned in turn
    await flush;
    expect(flushed).toBe(true);
    expect(stats.diagnostics.get('exportTimeouts')).toBe(2);
    stats.unregisterExporter(e);
  });
});

describe('flush with a slow but working exporter', () => {
  it('waits for the running export, then exports the latest data', async () => {
    const stats = new Stats({ warn: () => {} });
    stats.registerView(view);
    const received: number[] = [];
    let release: () => void = () => {};
    const e: StatsExporter = {
      export: (data) => {
        received.push(data[0].rows.length);
        return received.length === 1 ? new Promise<void>((r) => (release = r)) : undefined;
      },
    };
    stats.registerExporter(e);
    const first = stats.flush();
    stats.recordValue(measure, 1, TagMap.from({ k: 'a' }));
    const second = stats.flush();
    await Promise.resolve();
    expect(received).toEqual([0]); // one export at a time
    release();
    await Promise.all([first, second]);
    expect(received).toEqual([0, 1]);
    stats.unregisterExporter(e);
  });
});
