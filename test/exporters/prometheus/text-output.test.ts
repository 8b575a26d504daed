import { Gauge, Registry } from 'prom-client';
import { Aggregation, Measure, Stats, TagKey, TagMap, View } from '../../../src';
import type { PrometheusExporter } from '../../../src';
import { escapeLabelValue } from '../../../src/exporters/prometheus/row-labels';
import { BYTES_BOUNDS, COUNT_BOUNDS, client } from './fixtures/grpc-views';
import { setup } from './helpers';

const lat = client.measures.latency; // grpc.io/client/roundtrip_latency, float64 ms
const KM = client.method;
const KS = client.status;
const unary = TagMap.from({ grpc_client_method: 'pkg.Svc/Unary', grpc_client_status: 'OK' });
const failed = TagMap.from({ grpc_client_method: 'pkg.Svc/Unary', grpc_client_status: 'UNAVAILABLE' });

let exporter: PrometheusExporter | undefined;
afterEach(() => exporter?.stop());

function build(naming: 'opencensus' | 'prometheus', ...views: View[]) {
  const s = setup({ naming, stats: new Stats({ warn: () => {} }) });
  exporter = s.exporter;
  s.stats.registerView(...views);
  return s;
}

describe.each(['opencensus', 'prometheus'] as const)('exact text, %s naming', (naming) => {
  const go = naming === 'opencensus';

  test('Count → counter, one line per row, tag keys in view order, missing values as ""', async () => {
    const { stats, exporter } = build(naming, client.views.completed);
    for (let i = 0; i < 3; i++) stats.record(lat.m(1.5), unary);
    stats.record(lat.m(2), failed);
    stats.record(lat.m(2), TagMap.from({ grpc_client_method: 'pkg.Svc/NoStatus' }));
    const name = go ? 'grpc_io_client_completed_rpcs' : 'grpc_io_client_completed_rpcs_total';
    expect(await exporter.metrics()).toBe(
      [
        `# HELP ${name} Count of RPCs by method and status.`,
        `# TYPE ${name} counter`,
        `${name}{grpc_client_method="pkg.Svc/Unary",grpc_client_status="OK"} 3`,
        `${name}{grpc_client_method="pkg.Svc/Unary",grpc_client_status="UNAVAILABLE"} 1`,
        `${name}{grpc_client_method="pkg.Svc/NoStatus",grpc_client_status=""} 1`,
        '',
      ].join('\n'),
    );
  });

  test('Sum → counter, in base units under prometheus naming', async () => {
    const view = new View({ name: 'test.io/latency_sum', description: 'Sum of latencies.', measure: lat, aggregation: Aggregation.sum(), tagKeys: [KM] });
    const { stats, exporter } = build(naming, view);
    stats.record([lat.m(1.5), lat.m(2.25)], unary);
    const name = go ? 'test_io_latency_sum' : 'test_io_latency_sum_seconds_total';
    const value = go ? '3.75' : '0.00375';
    expect(await exporter.metrics()).toBe(`# HELP ${name} Sum of latencies.\n# TYPE ${name} counter\n${name}{grpc_client_method="pkg.Svc/Unary"} ${value}\n`);
  });

  test('LastValue → gauge without labels for a view without tag keys', async () => {
    const view = new View({ name: 'test.io/last_latency', description: 'Last latency.', measure: lat, aggregation: Aggregation.lastValue() });
    const { stats, exporter } = build(naming, view);
    stats.record([lat.m(7), lat.m(250)], unary);
    const name = go ? 'test_io_last_latency' : 'test_io_last_latency_seconds';
    expect(await exporter.metrics()).toBe(`# HELP ${name} Last latency.\n# TYPE ${name} gauge\n${name} ${go ? 250 : 0.25}\n`);
  });

  test('Distribution → histogram: cumulative buckets, exact le, +Inf, _sum, _count', async () => {
    const view = new View({ name: 'test.io/latency', description: 'Latency.', measure: lat, aggregation: Aggregation.distribution([0.3, 1, 5]), tagKeys: [KM] });
    const { stats, exporter } = build(naming, view);
    // 0.3 and 1 sit exactly on bounds: Prometheus' le is inclusive, so they count in le="0.3" / le="1".
    for (const v of [0.1, 0.3, 1, 1, 4.5, 9]) stats.record(lat.m(v), unary);
    const name = go ? 'test_io_latency' : 'test_io_latency_seconds';
    const le = go ? ['0.3', '1', '5'] : ['0.0003', '0.001', '0.005'];
    const l = 'grpc_client_method="pkg.Svc/Unary"';
    expect(await exporter.metrics()).toBe(
      [
        `# HELP ${name} Latency.`,
        `# TYPE ${name} histogram`,
        `${name}_bucket{${l},le="${le[0]}"} 2`,
        `${name}_bucket{${l},le="${le[1]}"} 4`,
        `${name}_bucket{${l},le="${le[2]}"} 5`,
        `${name}_bucket{${l},le="+Inf"} 6`,
        `${name}_sum{${l}} ${go ? 15.9 : 0.0159}`,
        `${name}_count{${l}} 6`,
        '',
      ].join('\n'),
    );
  });

  test('percentiles: a summary family <name>_quantiles with quantile labels, _sum and _count', async () => {
    const view = new View({ name: 'test.io/p', description: 'P.', measure: lat, aggregation: Aggregation.distribution([10], { percentiles: true }) });
    const { stats, exporter } = build(naming, view);
    for (let v = 1; v <= 1000; v++) stats.record(lat.m(v), unary);
    const text = await exporter.metrics();
    const q = go ? 'test_io_p_quantiles' : 'test_io_p_quantiles_seconds';
    const d = go ? 1 : 1000;
    const p = stats.retrieveData(view)[0].data;
    if (p.type !== 'distribution' || !p.percentiles) throw new Error('expected percentiles');
    expect(text.split('\n\n')[1]).toBe(
      [
        `# HELP ${q} P. (p50, p90, p99, p99.9)`,
        `# TYPE ${q} summary`,
        `${q}{quantile="0.5"} ${p.percentiles['50'] / d}`,
        `${q}{quantile="0.9"} ${p.percentiles['90'] / d}`,
        `${q}{quantile="0.99"} ${p.percentiles['99'] / d}`,
        `${q}{quantile="0.999"} ${p.percentiles['99.9'] / d}`,
        `${q}_sum ${500500 / d}`,
        `${q}_count 1000`,
        '',
      ].join('\n'),
    );
    expect(p.percentiles['50']).toBeCloseTo(500, -1);
  });
});

describe('exact le buckets on bucket bounds', () => {
  test('message counts of 1 (every unary RPC): le="1" equals the count', async () => {
    const { stats, exporter: e } = build('opencensus', client.views.sentMessages);
    for (let i = 0; i < 5; i++) stats.record(client.measures.sentMessages.m(1), unary);
    const text = await e.metrics();
    expect(text).toContain('grpc_io_client_sent_messages_per_rpc_bucket{grpc_client_method="pkg.Svc/Unary",le="1"} 5\n');
    expect(text).toContain('grpc_io_client_sent_messages_per_rpc_bucket{grpc_client_method="pkg.Svc/Unary",le="2"} 5\n');
    expect(text).toContain('grpc_io_client_sent_messages_per_rpc_count{grpc_client_method="pkg.Svc/Unary"} 5\n');
    expect(COUNT_BOUNDS[0]).toBe(1);
  });

  test('bytes exactly 1024 count in le="1024", 1023 too, 1025 only from le="2048"', async () => {
    const { stats, exporter: e } = build('prometheus', client.views.sentBytes);
    for (const v of [1023, 1024, 1024, 1025]) stats.record(client.measures.sentBytes.m(v), unary);
    const lines = (await e.metrics()).split('\n').filter((l) => l.includes('_bucket'));
    const b = (le: string) => lines.find((l) => l.includes(`le="${le}"}`));
    expect(b('1024')).toBe('grpc_io_client_sent_bytes_per_rpc_bytes_bucket{grpc_client_method="pkg.Svc/Unary",le="1024"} 3');
    expect(b('2048')).toBe('grpc_io_client_sent_bytes_per_rpc_bytes_bucket{grpc_client_method="pkg.Svc/Unary",le="2048"} 4');
    expect(b('4294967296')).toBe('grpc_io_client_sent_bytes_per_rpc_bytes_bucket{grpc_client_method="pkg.Svc/Unary",le="4294967296"} 4');
    expect(lines).toHaveLength(BYTES_BOUNDS.length + 1);
  });
});

describe('labels', () => {
  test('the overflow row renders every view label as "" plus census_overflow="true"', async () => {
    const view = new View({ name: 'test.io/capped', description: 'Capped.', measure: lat, aggregation: Aggregation.count(), tagKeys: [KM, KS], maxRows: 1 });
    const { stats, exporter: e } = build('opencensus', view);
    stats.record(lat.m(1), unary);
    stats.record(lat.m(1), failed);
    stats.record(lat.m(1), failed);
    expect(stats.diagnostics.get('overflowMeasurements')).toBe(2);
    expect(await e.metrics()).toBe(
      '# HELP test_io_capped Capped.\n# TYPE test_io_capped counter\n' +
        'test_io_capped{grpc_client_method="pkg.Svc/Unary",grpc_client_status="OK"} 1\n' +
        'test_io_capped{grpc_client_method="",grpc_client_status="",census_overflow="true"} 2\n',
    );
  });

  test('label values are escaped exactly as prom-client escapes its own', async () => {
    const view = new View({ name: 'test.io/escaped', description: 'E.', measure: lat, aggregation: Aggregation.lastValue(), tagKeys: [KM] });
    const { stats, exporter: e } = build('opencensus', view);
    const nasty = 'a\\b"c\\"d';
    stats.record(lat.m(1), TagMap.from({ grpc_client_method: nasty }));
    const own = new Registry();
    new Gauge({ name: 'test_io_escaped', help: 'E.', labelNames: ['grpc_client_method'], registers: [own] }).set({ grpc_client_method: nasty }, 1);
    expect(await e.metrics()).toBe(await own.metrics());
    expect(await e.metrics()).toContain('{grpc_client_method="a\\\\b\\"c\\\\\\"d"} 1');
  });

  test('escapeLabelValue escapes backslash, quote and line feed (tag values cannot hold a line feed, but the escaping is complete)', () => {
    expect(escapeLabelValue('plain /a.b-c')).toBe('plain /a.b-c');
    expect(escapeLabelValue('a\\b"c\nd')).toBe('a\\\\b\\"c\\nd');
  });

  test('tag keys are sanitized into label names', async () => {
    const view = new View({ name: 'test.io/keys', description: 'K.', measure: lat, aggregation: Aggregation.count(), tagKeys: [TagKey.of('http.route'), TagKey.of('1st')] });
    const { stats, exporter: e } = build('opencensus', view);
    stats.record(lat.m(1), TagMap.from({ 'http.route': '/a', '1st': 'x' }));
    expect(await e.metrics()).toContain('test_io_keys{http_route="/a",key_1st="x"} 1\n');
  });

  test('a view with no rows yet renders only HELP and TYPE; a namespace prefixes the name', async () => {
    const s = setup({ namespace: 'myapp' });
    exporter = s.exporter;
    s.stats.registerView(new View({ name: 'test.io/empty', description: 'Nothing yet.', measure: Measure.int64('test.io/empty_m', '', '1'), aggregation: Aggregation.count() }));
    expect(await s.exporter.metrics()).toBe('# HELP myapp_test_io_empty Nothing yet.\n# TYPE myapp_test_io_empty counter\n');
  });
});
