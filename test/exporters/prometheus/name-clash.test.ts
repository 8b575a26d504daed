import { Counter, Histogram, Registry } from 'prom-client';
import { Aggregation, Measure, PrometheusExporter, Stats, TagMap, View, type NamingScheme } from '../../../src';
import { seriesNames } from '../../../src/exporters/prometheus/family-check';
import { promtoolCheck } from './fixtures/binaries';

// Issue 10, item 4: a family whose name is one of another family's series
// names (histogram `x` and counter `x_count`, …) makes an exposition
// Prometheus rejects. Every such clash is refused when the view is registered.

const m = Measure.float64('clash.test/m', 'M.', '1');
const view = (name: string, aggregation: Aggregation) => new View({ name, description: `${name}.`, measure: m, aggregation });
const histogram = (name: string) => view(name, Aggregation.distribution([1]));

// [case, first view, second view, the series both would write ('opencensus' naming, 'prometheus' naming)]
const CASES: [string, View, View, string, string][] = [
  ['histogram x, counter x_count', histogram('t/x'), view('t/x_count', Aggregation.count()), 't_x_count', 't_x_count'],
  ['histogram x, counter x_sum', histogram('t/x'), view('t/x_sum', Aggregation.sum()), 't_x_sum', 't_x_sum'],
  ['histogram x, gauge x_bucket', histogram('t/x'), view('t/x_bucket', Aggregation.lastValue()), 't_x_bucket', 't_x_bucket'],
  ['counter x, gauge x_total', view('t/x', Aggregation.count()), view('t/x_total', Aggregation.lastValue()), 't_x_total', 't_x_total'],
  ['summary x_quantiles (percentiles), gauge x_quantiles_count', view('t/x', Aggregation.distribution([1], { percentiles: true })), view('t/x_quantiles_count', Aggregation.lastValue()), 't_x_quantiles_count', 't_x_quantiles_count'],
  ['gauge x_count first, histogram x second', view('t/x_count', Aggregation.lastValue()), histogram('t/x'), 't_x_count', 't_x_count'],
];

describe.each(['opencensus', 'prometheus'] as NamingScheme[])("'%s' naming", (naming) => {
  test.each(CASES)('%s, both registered before the exporter: the constructor throws naming both views; nothing is registered', (_, first, second, goSeries, promSeries) => {
    const stats = new Stats();
    stats.registerView(first, second);
    const registry = new Registry();
    let err: Error | undefined;
    try {
      new PrometheusExporter({ stats, registry, naming });
    } catch (e) {
      err = e as Error;
    }
    expect(err?.message).toMatch(new RegExp(`^PrometheusExporter: view "${second.name}" would be exported as .*view "${first.name}"`));
    // The message names the series both would write, unless the family names themselves are equal.
    if (!err!.message.includes('under that name')) expect(err!.message).toContain(`both would write "${naming === 'opencensus' ? goSeries : promSeries}"`);
    expect(registry.getMetricsAsArray()).toEqual([]);
  });

  test.each(CASES)('%s, the second registered after the exporter: skipped, counted, one warning naming both; the exposition stays valid', async (_, first, second) => {
    const warnings: string[] = [];
    const stats = new Stats({ warn: (w) => warnings.push(w) });
    const registry = new Registry();
    const exporter = new PrometheusExporter({ stats, registry, naming });
    try {
      stats.registerView(first);
      stats.registerView(second);
      stats.record(m.m(1), TagMap.EMPTY);
      expect(stats.diagnostics.get('prometheus.skippedViews')).toBe(1);
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toContain(`view "${second.name}"`);
      expect(warnings[0]).toContain(`view "${first.name}"`);
      expect(warnings[0]).toMatch(/The view is not exported\.$/);
      // Re-registering the same (identical) view is a no-op: no second warning or count.
      stats.registerView(second);
      expect(stats.diagnostics.get('prometheus.skippedViews')).toBe(1);
      // It parses (exit 1 is a parse error; 3 only lints, e.g. a gauge named *_count).
      const { status, problems } = promtoolCheck(await exporter.metrics());
      expect({ status: status === 1 ? 1 : 'parses', errors: problems.filter((p) => p.includes('error')) }).toEqual({ status: 'parses', errors: [] });
    } finally {
      await exporter.stop();
    }
  });
});

describe("the user's own prom-client metrics", () => {
  test('a histogram of the user named x and a view exported as the counter x_count: the constructor names the metric by its help', () => {
    const stats = new Stats();
    stats.registerView(view('t/x_count', Aggregation.count()));
    const registry = new Registry();
    new Histogram({ name: 't_x', help: 'Mine.', registers: [registry] });
    expect(() => new PrometheusExporter({ stats, registry })).toThrow(
      'PrometheusExporter: view "t/x_count" would be exported as the counter "t_x_count", whose series names clash with a histogram registered by other code (help: "Mine.") named "t_x": both would write "t_x_count", which Prometheus rejects. Rename one of them.',
    );
    expect(registry.getMetricsAsArray().map((x) => x.name)).toEqual(['t_x']);
  });

  test("a counter of the user named x_total and a gauge view exported as x_total's family x, registered later: skipped and counted", () => {
    const stats = new Stats({ warn: () => {} });
    const registry = new Registry();
    new Counter({ name: 't_x_total', help: 'Mine.', registers: [registry] });
    const exporter = new PrometheusExporter({ stats, registry });
    stats.registerView(view('t/x', Aggregation.lastValue()));
    expect(stats.diagnostics.get('prometheus.skippedViews')).toBe(1);
    return exporter.stop();
  });
});

test('views without a clash are untouched: the 15 OpenCensus and 9 A66 names never clash with each other', async () => {
  const { ALL_GRPC_VIEWS } = await import('./fixtures/grpc-views');
  const { A66_VIEWS } = await import('./fixtures/a66-views');
  for (const naming of ['opencensus', 'prometheus'] as const) {
    const stats = new Stats();
    stats.registerView(...ALL_GRPC_VIEWS, ...A66_VIEWS);
    const exporter = new PrometheusExporter({ stats, registry: new Registry(), naming });
    await exporter.stop();
  }
});

test.each([
  ['c', 'counter', ['c', 'c_total']],
  ['c_total', 'counter', ['c', 'c_total']],
  ['g', 'gauge', ['g']],
  ['h', 'histogram', ['h', 'h_bucket', 'h_sum', 'h_count']],
  ['s', 'summary', ['s', 's_sum', 's_count']],
])('seriesNames(%s, %s): in text 0.0.4 and OpenMetrics', (name, type, names) => {
  expect(seriesNames(name, type)).toEqual(names);
});
