import type { HistogramMetricData, MetricData, SumMetricData } from '@opentelemetry/sdk-metrics';
import { AggregationTemporality, DataPointType } from '@opentelemetry/sdk-metrics';
import { ValueType } from '@opentelemetry/api';
import { Aggregation, Measure, Stats, TagMap, View } from '../../src';
import { CensusMetricProducer } from '../../src/otel';

// The mapping of API.md, checked against the SDK's own enums and types (the
// producer itself uses their numeric values so it loads no OTel code).
const START_MS = Date.UTC(2026, 0, 1, 1, 2, 3, 456);

function fixture() {
  let now = START_MS;
  const stats = new Stats({ now: () => now, warn: () => {} });
  const latency = Measure.float64('example.com/latency', 'Request latency', 'ms');
  const bytes = Measure.int64('example.com/bytes', 'Response size', 'By');
  const temp = Measure.float64('example.com/temperature', 'Temperature', 'Cel');
  const views = {
    count: new View({ name: 'example.com/requests', description: 'Requests', measure: latency, aggregation: Aggregation.count(), tagKeys: ['route', 'status'] }),
    sumInt: new View({ name: 'example.com/bytes_total', description: 'Bytes', measure: bytes, aggregation: Aggregation.sum(), tagKeys: ['route'] }),
    sumDouble: new View({ name: 'example.com/latency_total', description: 'Time', measure: latency, aggregation: Aggregation.sum() }),
    last: new View({ name: 'example.com/temperature', description: 'Last temperature', measure: temp, aggregation: Aggregation.lastValue() }),
    dist: new View({ name: 'example.com/latency', description: 'Latency', measure: latency, aggregation: Aggregation.distribution([1, 10, 100]), tagKeys: ['route'] }),
    empty: new View({ name: 'example.com/never', measure: Measure.float64('example.com/unused', 'Never recorded', '1'), aggregation: Aggregation.sum(), tagKeys: ['route'] }),
  };
  stats.registerView(...Object.values(views));
  const home = TagMap.from({ route: '/home', status: 'OK' });
  const cart = TagMap.from({ route: '/cart' });
  for (const v of [0.5, 1, 10, 10, 250]) stats.record(latency.m(v), home);
  stats.record(latency.m(1), cart);
  stats.record([bytes.m(1000), bytes.m(24)], home);
  stats.record(temp.m(21.5));
  stats.record(temp.m(19.25));
  now += 5000;
  return { stats, views };
}

async function collect(producer: CensusMetricProducer): Promise<Map<string, MetricData>> {
  const result = await producer.collect();
  expect(result.errors).toEqual([]);
  expect(result.resourceMetrics.scopeMetrics).toHaveLength(1);
  expect(result.resourceMetrics.scopeMetrics[0].scope).toEqual({ name: 'grpc-census', version: require('../../package.json').version });
  return new Map(result.resourceMetrics.scopeMetrics[0].metrics.map((m) => [m.descriptor.name, m]));
}

describe('CensusMetricProducer mapping', () => {
  it('Count → monotonic cumulative integer Sum, one point per row, attributes = tags, start = registration', async () => {
    const { stats } = fixture();
    const m = (await collect(new CensusMetricProducer({ stats }))).get('example.com/requests') as SumMetricData;
    // A count of latencies is dimensionless (opencensus-go's metric export says the same).
    expect(m.descriptor).toEqual({ name: 'example.com/requests', description: 'Requests', unit: '1', valueType: ValueType.INT });
    expect(m.dataPointType).toBe(DataPointType.SUM);
    expect(m.aggregationTemporality).toBe(AggregationTemporality.CUMULATIVE);
    expect(m.isMonotonic).toBe(true);
    expect(m.dataPoints.map((p) => [p.attributes, p.value])).toEqual([
      [{ route: '/home', status: 'OK' }, 5],
      [{ route: '/cart' }, 1],
    ]);
    const start = m.dataPoints[0].startTime;
    expect(start).toEqual([Math.floor(START_MS / 1000), 456_000_000]);
    expect(m.dataPoints[0].endTime[0]).toBeGreaterThan(start[0]);
  });

  it('Sum → monotonic cumulative Sum, integer for an int64 measure, double otherwise', async () => {
    const { stats } = fixture();
    const metrics = await collect(new CensusMetricProducer({ stats }));
    const ints = metrics.get('example.com/bytes_total') as SumMetricData;
    expect(ints).toMatchObject({ dataPointType: DataPointType.SUM, isMonotonic: true, aggregationTemporality: AggregationTemporality.CUMULATIVE });
    expect(ints.descriptor).toMatchObject({ unit: 'By', valueType: ValueType.INT });
    expect(ints.dataPoints.map((p) => p.value)).toEqual([1024]);
    const doubles = metrics.get('example.com/latency_total') as SumMetricData;
    expect(doubles.descriptor.valueType).toBe(ValueType.DOUBLE);
    expect(doubles.dataPoints.map((p) => [p.attributes, p.value])).toEqual([[{}, 272.5]]);
  });

  it('LastValue → Gauge', async () => {
    const { stats } = fixture();
    const m = (await collect(new CensusMetricProducer({ stats }))).get('example.com/temperature')!;
    expect(m).toMatchObject({ dataPointType: DataPointType.GAUGE, descriptor: { unit: 'Cel', valueType: ValueType.DOUBLE } });
    expect(m.dataPoints.map((p) => p.value)).toEqual([19.25]);
  });

  it('Distribution → cumulative Histogram with explicit upper-inclusive buckets, sum, count, min, max', async () => {
    const { stats } = fixture();
    const m = (await collect(new CensusMetricProducer({ stats }))).get('example.com/latency') as HistogramMetricData;
    expect(m).toMatchObject({ dataPointType: DataPointType.HISTOGRAM, aggregationTemporality: AggregationTemporality.CUMULATIVE });
    expect(m.dataPoints.map((p) => [p.attributes, p.value])).toEqual([
      // 0.5, 1 ≤ 1; 10, 10 in (1, 10]; 250 > 100
      [{ route: '/home' }, { buckets: { boundaries: [1, 10, 100], counts: [2, 2, 0, 1] }, count: 5, sum: 271.5, min: 0.5, max: 250 }],
      [{ route: '/cart' }, { buckets: { boundaries: [1, 10, 100], counts: [1, 0, 0, 0] }, count: 1, sum: 1, min: 1, max: 1 }],
    ]);
  });

  it('maps an upperInclusive (A66-style) distribution directly, its 0 bound included', async () => {
    const stats = new Stats();
    const size = Measure.int64('sent', 'Compressed bytes', 'By');
    stats.registerView(new View({ name: 'sent', measure: size, aggregation: Aggregation.distribution([0, 1024, 2048], { upperInclusive: true }) }));
    for (const v of [0, 1024, 1025, 4096]) stats.record(size.m(v));
    const [point] = ((await collect(new CensusMetricProducer({ stats }))).get('sent') as HistogramMetricData).dataPoints;
    expect(point.value).toEqual({ buckets: { boundaries: [0, 1024, 2048], counts: [1, 1, 1, 1] }, count: 4, sum: 6145, min: 0, max: 4096 });
  });

  it('leaves out views with no row yet, and reports views registered after it was built', async () => {
    const { stats } = fixture();
    const producer = new CensusMetricProducer({ stats });
    expect((await collect(producer)).has('example.com/never')).toBe(false);
    const late = new View({ name: 'late', measure: Measure.int64('late', 'd', '{call}'), aggregation: Aggregation.count() });
    stats.registerView(late);
    stats.record(late.measure.m(3));
    const lateMetric = (await collect(producer)).get('late');
    expect(lateMetric?.dataPoints.map((p) => p.value)).toEqual([1]);
    expect(lateMetric?.descriptor.unit).toBe('{call}'); // an annotation unit: what the count counts
  });

  it('reports the overflow row with OpenTelemetry’s overflow attribute', async () => {
    const stats = new Stats({ maxRowsPerView: 1, warn: () => {} });
    const m = Measure.int64('m', 'd', '1');
    stats.registerView(new View({ name: 'v', measure: m, aggregation: Aggregation.count(), tagKeys: ['k'] }));
    stats.record(m.m(1), TagMap.from({ k: 'a' }));
    stats.record(m.m(1), TagMap.from({ k: 'b' }));
    const points = (await collect(new CensusMetricProducer({ stats }))).get('v')!.dataPoints;
    expect(points.map((p) => [p.attributes, p.value])).toEqual([
      [{ k: 'a' }, 1],
      [{ 'otel.metric.overflow': true }, 1],
    ]);
  });

  it('never reports an end before the start, even when the wall clock stepped back since registration', async () => {
    const stats = new Stats({ now: () => Date.now() + 3_600_000 });
    const m = Measure.int64('m', 'd', '1');
    stats.registerView(new View({ name: 'v', measure: m, aggregation: Aggregation.count() }));
    stats.record(m.m(1));
    const [point] = (await collect(new CensusMetricProducer({ stats }))).get('v')!.dataPoints;
    expect(point.endTime).toEqual(point.startTime);
  });

  it('reads the process-wide stats by default', async () => {
    const { stats: global } = await import('../../src');
    const v = new View({ name: 'otel-test/default', measure: Measure.int64('otel-test/default', 'd', '1'), aggregation: Aggregation.count() });
    global.registerView(v);
    try {
      global.record(v.measure.m(1));
      expect((await collect(new CensusMetricProducer())).get('otel-test/default')?.dataPoints).toHaveLength(1);
    } finally {
      global.unregisterView(v);
    }
  });
});

describe('CensusMetricProducer timeoutMillis', () => {
  it('collects the first view even with no time, and names the views left out', async () => {
    const { stats } = fixture();
    const result = await new CensusMetricProducer({ stats }).collect({ timeoutMillis: 0 });
    expect(result.resourceMetrics.scopeMetrics[0].metrics.map((m) => m.descriptor.name)).toEqual(['example.com/requests']);
    expect(result.errors).toHaveLength(1);
    expect(String(result.errors[0])).toMatch(/timed out after 0 ms; views left out: example\.com\/bytes_total, .*example\.com\/never/);
  });

  it('collects everything within a generous timeout', async () => {
    const { stats } = fixture();
    const result = await new CensusMetricProducer({ stats }).collect({ timeoutMillis: 60_000 });
    expect(result.errors).toEqual([]);
    expect(result.resourceMetrics.scopeMetrics[0].metrics).toHaveLength(5);
  });
});

describe('CensusMetricProducer options', () => {
  it.each([
    ['an unknown option', { stat: new Stats() }, /CensusMetricProducer: unknown option "stat"/],
    ['a stats that is not a Stats', { stats: {} }, /CensusMetricProducer: option stats must be a Stats, got \[object Object\]/],
    ['options that are not an object', 'stats', /CensusMetricProducer: options must be an object, got "stats"/],
  ])('throws a TypeError for %s', (_what, options, message) => {
    expect(() => new CensusMetricProducer(options as never)).toThrow(TypeError);
    expect(() => new CensusMetricProducer(options as never)).toThrow(message);
  });
});
