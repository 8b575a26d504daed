import { REPORTED_PERCENTILES } from '../../src';
import { requireBuiltDist, runNode } from '../support/run-node';
import { distributionOf, intMeasure, uniform } from './distribution-of';

/** The exact nearest-rank order statistic: the smallest value with at least p% of the values at or below it. */
function exactPercentile(sorted: Float64Array, p: number): number {
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length - 1e-9));
  return sorted[rank - 1];
}

function check(values: Float64Array, measure = undefined as typeof intMeasure | undefined) {
  const data = distributionOf([1, 10, 100], values, measure, true);
  const sorted = Float64Array.from(values).sort();
  return REPORTED_PERCENTILES.map((p) => ({ p, reported: data.percentiles![p], exact: exactPercentile(sorted, Number(p)) }));
}

describe('percentiles ({ percentiles: true })', () => {
  it('reports p50, p90, p99 and p99.9', () => {
    expect(REPORTED_PERCENTILES).toEqual(['50', '90', '99', '99.9']);
    const data = distributionOf([1], [1, 2, 3], undefined, true);
    expect(Object.keys(data.percentiles!)).toEqual(['50', '90', '99', '99.9']);
  });

  it.each([
    ['log-normal latencies in ms', (r: () => number) => Math.exp(3 * r()) * (0.05 + r())],
    ['sub-millisecond latencies', (r: () => number) => r() * 0.9],
    ['seconds-long latencies', (r: () => number) => 1000 + r() * 60_000],
    ['a bimodal mix', (r: () => number) => (r() < 0.95 ? 2 + r() : 800 + 400 * r())],
  ])('float ms data (%s): within 0.1% + 0.001 of the exact order statistics', (_what, draw) => {
    const next = uniform(7);
    const values = Float64Array.from({ length: 100_000 }, () => draw(next));
    for (const { p, reported, exact } of check(values)) {
      expect({ p, ok: Math.abs(reported - exact) <= 0.001 * exact + 0.001, reported, exact }).toMatchObject({ p, ok: true });
    }
  });

  it('int data below 2048 is exact', () => {
    const next = uniform(11);
    const values = Float64Array.from({ length: 20_000 }, () => 1 + Math.floor(next() * 2000));
    for (const { reported, exact } of check(values, intMeasure)) expect(reported).toBe(exact);
  });

  it('large int data is within 0.1%', () => {
    const next = uniform(13);
    const values = Float64Array.from({ length: 20_000 }, () => Math.floor(next() * 1e9));
    for (const { reported, exact } of check(values, intMeasure)) expect(Math.abs(reported - exact)).toBeLessThanOrEqual(0.001 * exact);
  });

  it('stays within [min, max]: one value reports itself', () => {
    const data = distributionOf([1], [123.4567], undefined, true);
    expect(data.percentiles).toEqual({ '50': 123.4567, '90': 123.4567, '99': 123.4567, '99.9': 123.4567 });
  });

  it('small sets report exact order statistics', () => {
    const a = distributionOf([1], [1, 1, 1, 50], undefined, true);
    expect(a.percentiles!['50']).toBe(1);
    expect(a.percentiles!['99.9']).toBe(50);
  });
});

describe('hdr-histogram-js is loaded only for percentile views', () => {
  // A child process: this jest worker may already have loaded it.
  const script = `
    const loaded = () => Object.keys(require.cache).some((p) => p.includes('hdr-histogram-js'));
    const census = require('./dist');
    const m = census.Measure.float64('t/latency', 'latency', 'ms');
    census.stats.registerView(new census.View({ name: 't/plain', measure: m, aggregation: census.Aggregation.distribution([1, 10]) }));
    census.stats.record(m.m(5));
    const before = loaded();
    census.stats.registerView(new census.View({ name: 't/pct', measure: m, aggregation: census.Aggregation.distribution([1, 10], { percentiles: true }) }));
    census.stats.record(m.m(5));
    const p50 = census.stats.retrieveData('t/pct')[0].data.percentiles['50'];
    console.log(JSON.stringify({ before, after: loaded(), p50 }));
  `;

  it('not at startup nor for plain distributions; on the first percentile row', async () => {
    requireBuiltDist();
    const run = await runNode('-e', { args: [script] });
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual({ before: false, after: true, p50: 5 });
  });
});
