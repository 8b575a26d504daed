import { setImmediate as nextTurn } from 'node:timers/promises';
import { Aggregation, Measure, Stats, TagMap, View, currentTags, withTags } from '../../src';

// Many concurrent async flows, each in its own tag context, interleaving at
// every await: each flow's records must land in its own row, none lost.
describe('Stats used from many async contexts at once', () => {
  const measure = Measure.int64('test/reliability/async_work', 'units of work', '1');
  const FLOWS = 200;
  const STEPS = 25;

  it('keeps every flow in its own row with exact totals', async () => {
    const stats = new Stats();
    const view = new View({ name: 'async_work', measure, aggregation: Aggregation.sum(), tagKeys: ['flow'] });
    const count = new View({ name: 'async_work_count', measure, aggregation: Aggregation.count(), tagKeys: ['flow'] });
    stats.registerView(view, count);

    const flow = (id: number) =>
      withTags(TagMap.from({ flow: String(id) }), async () => {
        for (let step = 1; step <= STEPS; step++) {
          if (step % 3 === 0) await nextTurn();
          else if (step % 3 === 1) await new Promise((r) => setTimeout(r, 0));
          else await Promise.resolve();
          expect(currentTags().get('flow')).toBe(String(id));
          stats.record(measure.m(step));
        }
      });
    await Promise.all(Array.from({ length: FLOWS }, (_, i) => flow(i)));

    const sums = stats.retrieveData(view);
    const counts = stats.retrieveData(count);
    expect(sums).toHaveLength(FLOWS);
    const expectedSum = (STEPS * (STEPS + 1)) / 2;
    for (const row of sums) expect(row.data).toEqual({ type: 'sum', value: expectedSum });
    for (const row of counts) expect(row.data).toEqual({ type: 'count', value: STEPS });
    expect(new Set(sums.map((r) => r.tags.flow)).size).toBe(FLOWS);
  });

  it('keeps recording into the other views while one is unregistered and re-registered mid-flight', async () => {
    const stats = new Stats();
    const stable = new View({ name: 'stable', measure, aggregation: Aggregation.count() });
    const churned = new View({ name: 'churned', measure, aggregation: Aggregation.count() });
    stats.registerView(stable, churned);
    let recorded = 0;
    const worker = async () => {
      for (let i = 0; i < 500; i++) {
        stats.record(measure.m(1), TagMap.EMPTY);
        recorded++;
        await Promise.resolve();
      }
    };
    const churn = async () => {
      for (let i = 0; i < 50; i++) {
        stats.unregisterView(churned);
        await nextTurn();
        stats.registerView(churned);
        await nextTurn();
      }
    };
    await Promise.all([worker(), worker(), worker(), churn()]);
    expect(recorded).toBe(1500);
    expect(stats.retrieveData(stable)).toEqual([{ tags: {}, data: { type: 'count', value: 1500 } }]);
    // The churned view holds only what was recorded since its last registration…
    const countOf = (v: View) => {
      const rows = stats.retrieveData(v);
      return rows.length === 0 ? 0 : (rows[0].data as { value: number }).value;
    };
    const before = countOf(churned);
    expect(before).toBeLessThan(1500);
    // …and still aggregates normally afterwards.
    for (let i = 0; i < 7; i++) stats.record(measure.m(1), TagMap.EMPTY);
    expect(countOf(churned)).toBe(before + 7);
    expect(countOf(stable)).toBe(1507);
  });
});
