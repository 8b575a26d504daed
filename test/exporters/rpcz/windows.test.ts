import { DefaultServerViews, ServerCompletedRPCsView, Stats } from '../../../src';
import { Page, SteppedClock, calls, end, start, statsOn } from './helpers';

// The window math on a stepped clock: the page's timer is replaced by
// Page.tick() every 5 simulated seconds, so no test waits.

describe('windows over known traffic', () => {
  const clock = new SteppedClock();
  const stats = statsOn(clock);
  const page = new Page(stats, clock);
  const get = { side: 'server' as const, method: 'shop.Catalog/Get', bytesIn: 100, bytesOut: 1000, messagesIn: 1, messagesOut: 3 };
  // 10 minutes at 6 calls per 5 s (3.5 ms), then one minute at 12 per 5 s (12 ms), one of them NOT_FOUND.
  page.run(600, () => calls(stats, 6, { ...get, latencyMs: 3.5 }));
  page.run(60, () => {
    calls(stats, 11, { ...get, latencyMs: 12 });
    calls(stats, 1, { ...get, latencyMs: 12, status: 'NOT_FOUND' });
  });
  const row = page.row('server', 'shop.Catalog/Get');

  it('1m: the last minute only', () => {
    const w = row.windows['1m'];
    expect(w).toMatchObject({ seconds: 60, calls: 144, errors: 12, errorsByStatus: { NOT_FOUND: 12 } });
    expect(w.callsPerSec).toBeCloseTo(2.4, 12);
    expect(w.errorsPerSec).toBeCloseTo(0.2, 12);
    expect(w.receivedBytesPerSec).toBeCloseTo(240, 9);
    expect(w.sentBytesPerSec).toBeCloseTo(2400, 9);
    expect(w.receivedMessagesPerSec).toBeCloseTo(2.4, 12);
    expect(w.sentMessagesPerSec).toBeCloseTo(7.2, 12);
  });

  it('1m latency: every call in [10, 13) ms, so percentiles interpolate inside it', () => {
    const l = row.windows['1m'].latencyMs!;
    expect(l.p50).toBeCloseTo(11.5, 9);
    expect(l.p90).toBeCloseTo(12.7, 9);
    expect(l.p99).toBeCloseTo(12.97, 9);
  });

  it('1h before an hour has passed: everything since the views were registered (11 minutes)', () => {
    const w = row.windows['1h'];
    expect(w).toMatchObject({ seconds: 660, calls: 864, errors: 12 });
    expect(w.callsPerSec).toBeCloseTo(864 / 660, 12);
    // 720 calls in [3, 4) then 144 in [10, 13).
    expect(w.latencyMs!.p50).toBeCloseTo(3 + 432 / 720, 9);
    expect(w.latencyMs!.p99).toBeCloseTo(10 + (3 * (0.99 * 864 - 720)) / 144, 9);
  });

  it('total: since registration', () => {
    expect(row.windows.total).toMatchObject({ seconds: 660, calls: 864, errors: 12, errorsByStatus: { NOT_FOUND: 12 } });
  });

  it('the sparkline has one point per 5 s step, 10 minutes at most', () => {
    expect(row.callsPerSecHistory).toHaveLength(120);
    expect(row.callsPerSecHistory.slice(-12)).toEqual(Array(12).fill(2.4));
    expect(row.callsPerSecHistory[0]).toBeCloseTo(1.2, 12);
  });

  it('the JSON shape of the API contract', () => {
    const report = page.report();
    expect(new Date(report.generatedAt).getTime()).toBe(clock.ms);
    expect(Object.keys(row).sort()).toEqual(['callsPerSecHistory', 'inFlight', 'method', 'side', 'windows']);
    expect(Object.keys(row.windows).sort()).toEqual(['1h', '1m', 'total']);
    for (const key of ['calls', 'errors', 'callsPerSec', 'errorsByStatus', 'latencyMs', 'sentBytesPerSec', 'receivedBytesPerSec']) {
      expect(row.windows['1m']).toHaveProperty(key);
    }
    expect(report.missingViews).toEqual([]);
    expect(report.omitted).toEqual({ server: { methods: 0, callsPerSec: 0, errorsPerSec: 0 }, client: { methods: 0, callsPerSec: 0, errorsPerSec: 0 } });
  });
});

describe('the hour window after more than an hour', () => {
  it('starts at the oldest minute snapshot inside the hour and forgets what came before', () => {
    const clock = new SteppedClock();
    const stats = statsOn(clock);
    const page = new Page(stats, clock);
    const m = { side: 'client' as const, method: 'inv.Stock/Reserve' };
    page.run(600, () => {
      calls(stats, 1, m);
      calls(stats, 5, { ...m, status: 'UNAVAILABLE' });
    });
    page.run(3600, () => calls(stats, 1, m));
    const w = page.row('client', m.method).windows;
    expect(w['1h']).toMatchObject({ seconds: 3600, calls: 720, errors: 0, errorsByStatus: {} });
    expect(w['1h'].callsPerSec).toBeCloseTo(0.2, 12);
    expect(w.total).toMatchObject({ seconds: 4200, calls: 840 + 600, errors: 600, errorsByStatus: { UNAVAILABLE: 600 } });
    expect(w['1m']).toMatchObject({ seconds: 60, calls: 12 });
  });
});

describe('in flight', () => {
  it('is started − completed, per side', () => {
    const clock = new SteppedClock();
    const stats = statsOn(clock);
    const page = new Page(stats, clock);
    for (let i = 0; i < 5; i++) start(stats, 'server', 'a.B/Stream');
    end(stats, { side: 'server', method: 'a.B/Stream' });
    end(stats, { side: 'server', method: 'a.B/Stream', status: 'CANCELLED' });
    start(stats, 'client', 'a.B/Stream');
    expect(page.row('server', 'a.B/Stream').inFlight).toBe(3);
    expect(page.row('client', 'a.B/Stream').inFlight).toBe(1);
    expect(page.row('client', 'a.B/Stream').windows['1m'].latencyMs).toBeNull();
  });
});

describe('windows the page has not watched yet', () => {
  it('cover what they can and say how long', () => {
    const clock = new SteppedClock();
    const stats = statsOn(clock);
    const page = new Page(stats, clock);
    page.run(20, () => calls(stats, 3, { side: 'server', method: 'a.B/C' }));
    const w = page.row('server', 'a.B/C').windows['1m'];
    expect(w).toMatchObject({ seconds: 20, calls: 12 });
    expect(w.callsPerSec).toBeCloseTo(0.6, 12);
  });

  it('start when the page starts if the views are older: empty at first, then growing', () => {
    const clock = new SteppedClock();
    const stats = statsOn(clock);
    calls(stats, 50, { side: 'server', method: 'a.B/C' });
    clock.step(120);
    const page = new Page(stats, clock);
    expect(page.row('server', 'a.B/C').windows['1m']).toMatchObject({ seconds: 0, calls: 0, callsPerSec: 0 });
    expect(page.row('server', 'a.B/C').windows.total).toMatchObject({ seconds: 120, calls: 50 });
    page.run(30, () => calls(stats, 1, { side: 'server', method: 'a.B/C' }));
    expect(page.row('server', 'a.B/C').windows['1m']).toMatchObject({ seconds: 30, calls: 6 });
    // The views are younger than an hour: their cumulative data is the hour, exactly.
    expect(page.row('server', 'a.B/C').windows['1h']).toMatchObject({ seconds: 150, calls: 56 });
  });

  it('a page viewed between timer ticks reads the views live against the last snapshot', () => {
    const clock = new SteppedClock();
    const stats = statsOn(clock);
    const page = new Page(stats, clock);
    page.run(60, () => calls(stats, 1, { side: 'server', method: 'a.B/C' }));
    clock.step(2);
    calls(stats, 4, { side: 'server', method: 'a.B/C' });
    expect(page.row('server', 'a.B/C').windows['1m']).toMatchObject({ seconds: 57, calls: 15 });
  });
});

describe('a view registered again (its data restarts)', () => {
  it('counts from zero instead of going negative', () => {
    const clock = new SteppedClock();
    const stats = statsOn(clock);
    const page = new Page(stats, clock);
    page.run(30, () => calls(stats, 10, { side: 'server', method: 'a.B/C' }));
    stats.unregisterView(ServerCompletedRPCsView);
    stats.registerView(ServerCompletedRPCsView);
    page.run(10, () => calls(stats, 1, { side: 'server', method: 'a.B/C' }));
    const w = page.row('server', 'a.B/C').windows;
    expect(w['1m']).toMatchObject({ calls: 2, seconds: 10 });
    expect(w.total).toMatchObject({ calls: 2, seconds: 10 });
  });
});

describe('top N by traffic', () => {
  it('keeps the busiest rows per side and counts the rest', () => {
    const clock = new SteppedClock();
    const stats = statsOn(clock);
    const page = new Page(stats, clock, { topN: 3 });
    page.run(60, () => {
      for (let i = 1; i <= 5; i++) calls(stats, i, { side: 'server', method: `s.S/M${i}` });
      calls(stats, 1, { side: 'server', method: 's.S/M1', status: 'INTERNAL' });
    });
    const report = page.report();
    expect(report.rows.map((r) => r.method)).toEqual(['s.S/M5', 's.S/M4', 's.S/M3']);
    expect(report.omitted.server.methods).toBe(2);
    expect(report.omitted.server.callsPerSec).toBeCloseTo((2 + 2) / 5, 12);
    expect(report.omitted.server.errorsPerSec).toBeCloseTo(1 / 5, 12);
  });

  it('sorts ties by the hour, then in total, then by name', () => {
    const clock = new SteppedClock();
    const stats = statsOn(clock);
    const page = new Page(stats, clock);
    calls(stats, 9, { side: 'server', method: 'old.Busy/X' });
    page.run(120);
    page.run(60, () => ['b.B/Y', 'a.A/Y', 'old.Busy/X'].forEach((method) => calls(stats, 1, { side: 'server', method })));
    expect(page.report().rows.map((r) => r.method)).toEqual(['old.Busy/X', 'a.A/Y', 'b.B/Y']);
  });
});

describe('bounded memory', () => {
  it('follows maxMethods methods per side; later ones share one "(other methods)" row', () => {
    const clock = new SteppedClock();
    const stats = statsOn(clock);
    const page = new Page(stats, clock, { maxMethods: 2 });
    page.run(10, () => ['a/1', 'a/2', 'a/3', 'a/4'].forEach((method, i) => calls(stats, i + 1, { side: 'server', method })));
    const rows = page.report().rows;
    expect(rows.map((r) => [r.method, r.windows.total.calls, r.aggregate])).toEqual([
      ['(other methods)', 14, 'other'],
      ['a/2', 4, undefined],
      ['a/1', 2, undefined],
    ]);
  });

  it('keeps 121 five-second snapshots (the newest 13 whole) and 61 minute snapshots, however long it runs', () => {
    const clock = new SteppedClock();
    const stats = statsOn(clock);
    const page = new Page(stats, clock);
    page.run(2 * 3600, () => calls(stats, 1, { side: 'server', method: 'a.B/C' }));
    const recent = page.history['recent'].toArray();
    const minutes = page.history['minutes'].toArray();
    expect(recent).toHaveLength(121);
    expect(minutes).toHaveLength(61);
    expect(recent.filter((s) => s.sides.server.methods.get('a.B/C')!.latency !== undefined)).toHaveLength(13);
    expect(minutes.every((s) => s.sides.server.methods.get('a.B/C')!.latency !== undefined)).toBe(true);
  });

  it('shares the latency buckets of an idle method between snapshots instead of copying them', () => {
    const clock = new SteppedClock();
    const stats = statsOn(clock);
    const page = new Page(stats, clock);
    calls(stats, 3, { side: 'server', method: 'a.B/C' });
    page.run(15);
    const [a, b, c] = page.history['recent'].toArray().slice(-3);
    const latency = (s: typeof a) => s.sides.server.methods.get('a.B/C')!.latency;
    expect(latency(a)).toBeDefined();
    expect(latency(b)).toBe(latency(a));
    expect(latency(c)).toBe(latency(a));
  });
});

describe('missing views', () => {
  it('are listed with the columns they feed', () => {
    const clock = new SteppedClock();
    const stats = new Stats({ now: clock.now });
    stats.registerView(...DefaultServerViews);
    const report = new Page(stats, clock).report();
    expect(report.missingViews.filter((m) => m.side === 'server')).toEqual([
      { side: 'server', view: 'grpc.io/server/received_messages_per_rpc', feeds: 'messages/s in' },
      { side: 'server', view: 'grpc.io/server/sent_messages_per_rpc', feeds: 'messages/s out' },
    ]);
    expect(report.missingViews.filter((m) => m.side === 'client')).toHaveLength(7);
  });
});
