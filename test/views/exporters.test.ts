import { Aggregation, Measure, Stats, TagMap, View } from '../../src';
import type { StatsExporter, ViewData } from '../../src';

const measure = Measure.int64('test/exporters/items', 'Items', '1');
const countView = new View({ name: 'count', measure, aggregation: Aggregation.count(), tagKeys: ['k'] });
const sumView = new View({ name: 'sum', measure, aggregation: Aggregation.sum() });

/** An exporter that keeps every batch it receives. */
function collecting(): StatsExporter & { batches: ViewData[][] } {
  const batches: ViewData[][] = [];
  return { batches, export: (data) => void batches.push(data) };
}

function clockedStats(warn = jest.fn()) {
  const clock = { t: 10_000 };
  const stats = new Stats({ now: () => clock.t, warn });
  return { stats, clock, warn };
}

describe('registerExporter + flush', () => {
  it('delivers every registered view, rows or not, with start = registration and end = now', async () => {
    const { stats, clock } = clockedStats();
    stats.registerView(countView);
    clock.t = 12_000;
    stats.registerView(sumView);
    stats.record(measure.m(3), TagMap.from({ k: 'a' }));
    stats.unregisterView(sumView);
    stats.registerView(sumView); // now empty, started at 12_000
    const exporter = collecting();
    stats.registerExporter(exporter);
    clock.t = 15_000;
    await stats.flush();
    expect(exporter.batches).toEqual([
      [
        { view: countView, start: new Date(10_000), end: new Date(15_000), rows: [{ tags: { k: 'a' }, data: { type: 'count', value: 1 } }] },
        { view: sumView, start: new Date(12_000), end: new Date(15_000), rows: [] },
      ],
    ]);
    stats.unregisterExporter(exporter);
  });

  it('delivers snapshots: the exporter may keep and mutate them', async () => {
    const { stats } = clockedStats();
    stats.registerView(sumView);
    const exporter = collecting();
    stats.registerExporter(exporter);
    stats.record(measure.m(1), TagMap.EMPTY);
    await stats.flush();
    (exporter.batches[0][0].rows[0].data as { value: number }).value = 1000;
    stats.record(measure.m(1), TagMap.EMPTY);
    await stats.flush();
    expect(exporter.batches[1][0].rows).toEqual([{ tags: {}, data: { type: 'sum', value: 2 } }]);
    stats.unregisterExporter(exporter);
  });

  it('resolves with no exporter, and stops delivering after unregisterExporter', async () => {
    const { stats } = clockedStats();
    stats.registerView(sumView);
    await expect(stats.flush()).resolves.toBeUndefined();
    const exporter = collecting();
    stats.registerExporter(exporter);
    stats.unregisterExporter(exporter);
    await stats.flush();
    expect(exporter.batches).toEqual([]);
  });

  it('waits for an async exporter', async () => {
    const { stats } = clockedStats();
    stats.registerView(sumView);
    let done = false;
    stats.registerExporter({ export: () => new Promise<void>((r) => setTimeout(() => { done = true; r(); }, 5)) });
    await stats.flush();
    expect(done).toBe(true);
  });

  it.each([[null], [{}], [{ export: 'no' }]])('rejects an exporter without export(): %p', (bad) => {
    expect(() => new Stats().registerExporter(bad as unknown as StatsExporter)).toThrow(TypeError);
  });
});

describe('exporter failures', () => {
  it('a throwing and a rejecting exporter do not stop the others; counted, warned once', async () => {
    const { stats, warn } = clockedStats();
    stats.registerView(sumView);
    const before = collecting();
    const after = collecting();
    stats.registerExporter(before);
    stats.registerExporter({ export: () => { throw new Error('sync boom'); } });
    stats.registerExporter({ export: () => Promise.reject(new Error('async boom')) });
    stats.registerExporter(after);
    await expect(stats.flush()).resolves.toBeUndefined();
    await expect(stats.flush()).resolves.toBeUndefined();
    expect([before.batches.length, after.batches.length]).toEqual([2, 2]);
    expect(stats.diagnostics.get('exportErrors')).toBe(4);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0][0]).toMatch(/export failed.*boom/);
    for (const e of [before, after]) stats.unregisterExporter(e);
  });

  it('a warn sink that throws changes nothing', async () => {
    const stats = new Stats({ warn: () => { throw new Error('sink'); } });
    stats.registerExporter({ export: () => { throw new Error('x'); } });
    await expect(stats.flush()).resolves.toBeUndefined();
    expect(stats.diagnostics.get('exportErrors')).toBe(1);
  });
});

describe('unregisterView and exporters', () => {
  it("exports the view's last data to every exporter before dropping it", async () => {
    const { stats, clock } = clockedStats();
    stats.registerView(countView, sumView);
    stats.record(measure.m(2), TagMap.from({ k: 'z' }));
    const exporter = collecting();
    stats.registerExporter(exporter);
    clock.t = 20_000;
    stats.unregisterView(countView);
    expect(exporter.batches).toEqual([
      [{ view: countView, start: new Date(10_000), end: new Date(20_000), rows: [{ tags: { k: 'z' }, data: { type: 'count', value: 1 } }] }],
    ]);
    await stats.flush();
    expect(exporter.batches[1].map((d) => d.view)).toEqual([sumView]);
    stats.unregisterExporter(exporter);
  });

  it('exports nothing when the view was not registered', () => {
    const { stats } = clockedStats();
    const exporter = collecting();
    stats.registerExporter(exporter);
    stats.unregisterView(countView, 'unknown');
    expect(exporter.batches).toEqual([]);
    stats.unregisterExporter(exporter);
  });
});
