import { Stats } from '../../src';

// Bug: a reporting period over 2^31 − 1 ms (or Infinity, "never") was passed
// to setInterval, which Node silently turns into 1 ms: every registered
// exporter was then called about a thousand times a second. Such periods are
// now a RangeError at configuration time.
describe('reporting periods Node cannot time', () => {
  afterEach(() => jest.useRealTimers());

  it.each([[2 ** 31], [Infinity], [1e12]])('setReportingPeriod(%p) throws RangeError', (ms) => {
    expect(() => new Stats().setReportingPeriod(ms)).toThrow(RangeError);
    expect(() => new Stats({ reportingPeriodMs: ms })).toThrow(/longest timer Node supports \(2147483647 ms\)/);
  });

  it('a rejected period leaves the previous one in force', () => {
    jest.useFakeTimers();
    const stats = new Stats({ reportingPeriodMs: 100 });
    let calls = 0;
    const exporter = { export: () => void calls++ };
    stats.registerExporter(exporter);
    expect(() => stats.setReportingPeriod(2 ** 31)).toThrow(RangeError);
    jest.advanceTimersByTime(1000);
    expect(calls).toBe(10);
    stats.unregisterExporter(exporter);
  });
});
