import { DEFAULT_REPORTING_PERIOD_MS, Stats } from '../../src';
import type { StatsExporter, ViewData } from '../../src';

// The timer runs only while an exporter is registered, fires each period and
// never keeps the process alive. Fake timers let us assert all three without waiting.
describe('reporting period timer', () => {
  let intervals: NodeJS.Timeout[];

  beforeEach(() => {
    jest.useFakeTimers();
    intervals = [];
    const real = global.setInterval;
    jest.spyOn(global, 'setInterval').mockImplementation(((fn: () => void, ms: number) => {
      const t = real(fn, ms);
      intervals.push(t);
      return t;
    }) as typeof setInterval);
  });

  afterEach(() => {
    jest.restoreAllMocks();
    jest.useRealTimers();
  });

  const exporter = (): StatsExporter & { calls: ViewData[][] } => {
    const calls: ViewData[][] = [];
    return { calls, export: (d) => void calls.push(d) };
  };

  it('starts no timer until an exporter is registered', () => {
    const stats = new Stats({ reportingPeriodMs: 50 });
    stats.setReportingPeriod(100);
    expect(jest.getTimerCount()).toBe(0);
    expect(intervals).toHaveLength(0);
  });

  it('exports every period with an unref’d timer (hasRef() === false)', () => {
    const stats = new Stats();
    const e = exporter();
    stats.registerExporter(e);
    expect(intervals).toHaveLength(1);
    expect(intervals[0].hasRef()).toBe(false);
    jest.advanceTimersByTime(DEFAULT_REPORTING_PERIOD_MS - 1);
    expect(e.calls).toHaveLength(0);
    jest.advanceTimersByTime(1);
    expect(e.calls).toHaveLength(1);
    jest.advanceTimersByTime(2 * DEFAULT_REPORTING_PERIOD_MS);
    expect(e.calls).toHaveLength(3);
    stats.unregisterExporter(e);
  });

  it('setReportingPeriod replaces the timer with a new unref’d one', () => {
    const stats = new Stats();
    const e = exporter();
    stats.registerExporter(e);
    stats.setReportingPeriod(1000);
    expect(jest.getTimerCount()).toBe(1);
    expect(intervals.at(-1)!.hasRef()).toBe(false);
    jest.advanceTimersByTime(3000);
    expect(e.calls).toHaveLength(3);
    stats.setReportingPeriod(0); // ≤ 0 restores the default
    jest.advanceTimersByTime(DEFAULT_REPORTING_PERIOD_MS - 1);
    expect(e.calls).toHaveLength(3);
    jest.advanceTimersByTime(1);
    expect(e.calls).toHaveLength(4);
    stats.unregisterExporter(e);
  });

  it('reportingPeriodMs in the options sets the period', () => {
    const stats = new Stats({ reportingPeriodMs: 250 });
    const e = exporter();
    stats.registerExporter(e);
    jest.advanceTimersByTime(1000);
    expect(e.calls).toHaveLength(4);
    stats.unregisterExporter(e);
  });

  it('unregistering the last exporter stops the timer', () => {
    const stats = new Stats({ reportingPeriodMs: 100 });
    const a = exporter();
    const b = exporter();
    stats.registerExporter(a);
    stats.registerExporter(b);
    expect(jest.getTimerCount()).toBe(1);
    stats.unregisterExporter(a);
    expect(jest.getTimerCount()).toBe(1);
    stats.unregisterExporter(b);
    expect(jest.getTimerCount()).toBe(0);
    jest.advanceTimersByTime(1000);
    expect([a.calls.length, b.calls.length]).toEqual([0, 0]);
  });

  it.each([[NaN], ['10' as unknown as number]])('rejects a period of %p with a TypeError', (ms) => {
    expect(() => new Stats().setReportingPeriod(ms)).toThrow(TypeError);
  });

  it('accepts the longest period Node supports', () => {
    const stats = new Stats({ reportingPeriodMs: 2 ** 31 - 1 });
    const e = exporter();
    stats.registerExporter(e);
    jest.advanceTimersByTime(1000);
    expect(e.calls).toHaveLength(0);
    stats.unregisterExporter(e);
  });
});

describe('reporting period timer (real timers)', () => {
  it('adds no ref’d handle to the event loop', () => {
    const refTimeouts = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    const before = refTimeouts();
    const stats = new Stats({ reportingPeriodMs: 60_000 });
    const e = { export: () => undefined };
    stats.registerExporter(e);
    const after = refTimeouts();
    stats.unregisterExporter(e); // before asserting, so a failure leaves no handle behind
    expect(after).toBe(before);
  });
});
