import { A66ClientViews, A66ServerViews, TagMap, type PrometheusExporter, type View } from '../../../src';
import { viewFamilies } from '../../../src/exporters/prometheus/naming';
import { A66_BYTES_BOUNDS, A66_SECONDS_BOUNDS, A66_VIEWS, a66 } from './fixtures/a66-views';
import { setup } from './helpers';

// Issue 9: in 'prometheus' naming the A66 views come out as OpenTelemetry's
// Prometheus compatibility names them (grpc-go's and grpc-java's exporters),
// with exact upper-inclusive `le` buckets.

let exporter: PrometheusExporter | undefined;
afterEach(() => exporter?.stop());

// [view, family name, type, label names]
const TABLE: [string, string, string, string[]][] = [
  ['grpc.client.attempt.started', 'grpc_client_attempt_started_total', 'counter', ['grpc_method', 'grpc_target']],
  ['grpc.client.attempt.duration', 'grpc_client_attempt_duration_seconds', 'histogram', ['grpc_method', 'grpc_target', 'grpc_status']],
  ['grpc.client.attempt.sent_total_compressed_message_size', 'grpc_client_attempt_sent_total_compressed_message_size_bytes', 'histogram', ['grpc_method', 'grpc_target', 'grpc_status']],
  ['grpc.client.attempt.rcvd_total_compressed_message_size', 'grpc_client_attempt_rcvd_total_compressed_message_size_bytes', 'histogram', ['grpc_method', 'grpc_target', 'grpc_status']],
  ['grpc.client.call.duration', 'grpc_client_call_duration_seconds', 'histogram', ['grpc_method', 'grpc_target', 'grpc_status']],
  ['grpc.server.call.started', 'grpc_server_call_started_total', 'counter', ['grpc_method']],
  ['grpc.server.call.sent_total_compressed_message_size', 'grpc_server_call_sent_total_compressed_message_size_bytes', 'histogram', ['grpc_method', 'grpc_status']],
  ['grpc.server.call.rcvd_total_compressed_message_size', 'grpc_server_call_rcvd_total_compressed_message_size_bytes', 'histogram', ['grpc_method', 'grpc_status']],
  ['grpc.server.call.duration', 'grpc_server_call_duration_seconds', 'histogram', ['grpc_method', 'grpc_status']],
];

test.each(TABLE)("'prometheus' naming: %s → %s (%s)", (viewName, name, type, labels) => {
  const view = A66_VIEWS.find((v) => v.name === viewName)!;
  expect(viewFamilies(view, '', 'prometheus').main).toMatchObject({ name, type, labelNames: labels, divisor: 1 });
});

test("'opencensus' naming keeps the plain sanitized names (no unit, no _total)", () => {
  expect(A66_VIEWS.map((v) => viewFamilies(v, '', 'opencensus').main.name)).toEqual(TABLE.map(([, name]) => name.replace(/_(total|seconds|bytes)$/, '')));
});

const server = TagMap.from({ 'grpc.method': 'pkg.Svc/Unary', 'grpc.status': 'OK' });

test('le of upper-inclusive data: a 1024-byte message counts in le="1024", a 0 in le="0", a value on a seconds bound in that bound', async () => {
  const s = setup({ naming: 'prometheus' });
  exporter = s.exporter;
  s.stats.registerView(a66.serverRcvd, a66.serverDuration);
  for (const size of [0, 0, 1024, 1025, 5000]) s.stats.record(a66.serverRcvd.measure.m(size), server);
  for (const sec of [0.00001, 0.0003, 0.00031, 100, 101]) s.stats.record(a66.serverDuration.measure.m(sec), server);
  const text = await s.exporter.metrics();
  const bucket = (family: string, le: string) => Number(new RegExp(`\\n${family}_bucket\\{grpc_method="pkg.Svc/Unary",grpc_status="OK",le="${le.replace(/[.+]/g, '\\$&')}"\\} (\\d+)\\n`).exec(text)?.[1]);
  const bytes = 'grpc_server_call_rcvd_total_compressed_message_size_bytes';
  expect([bucket(bytes, '0'), bucket(bytes, '1024'), bucket(bytes, '2048'), bucket(bytes, '4096'), bucket(bytes, '16384'), bucket(bytes, '+Inf')]).toEqual([2, 3, 4, 4, 5, 5]);
  const secs = 'grpc_server_call_duration_seconds';
  expect([bucket(secs, '0'), bucket(secs, '0.00001'), bucket(secs, '0.0003'), bucket(secs, '0.0006'), bucket(secs, '100'), bucket(secs, '+Inf')]).toEqual([0, 1, 2, 3, 4, 5]);
  // Every bound is written, the 0 bound included, with A66's values in base units (no rescaling of 's' or 'By').
  expect(text.match(new RegExp(`\\n${bytes}_bucket\\{`, 'g'))).toHaveLength(A66_BYTES_BOUNDS.length + 1);
  expect(text.match(new RegExp(`\\n${secs}_bucket\\{`, 'g'))).toHaveLength(A66_SECONDS_BOUNDS.length + 1);
  expect(text).toContain(`\n${secs}_count{grpc_method="pkg.Svc/Unary",grpc_status="OK"} 5\n`);
  expect(text).toContain(`\n${bytes}_sum{grpc_method="pkg.Svc/Unary",grpc_status="OK"} 7049\n`);
});

test('getMetricsAsJSON (cluster aggregation) carries the same exact upper-inclusive buckets', async () => {
  const s = setup({ naming: 'prometheus' });
  exporter = s.exporter;
  s.stats.registerView(a66.serverSent);
  for (const size of [0, 1024, 1024, 2048]) s.stats.record(a66.serverSent.measure.m(size), server);
  const [family] = (await s.registry.getMetricsAsJSON()) as unknown as { name: string; values: { labels: Record<string, string>; value: number }[] }[];
  expect(family.name).toBe('grpc_server_call_sent_total_compressed_message_size_bytes');
  const le = Object.fromEntries(family.values.filter((v) => v.labels.le !== undefined).map((v) => [v.labels.le, v.value]));
  expect([le['0'], le['1024'], le['2048'], le['4096'], le['+Inf']]).toEqual([1, 3, 4, 4, 4]);
});

// The package's A66 views are exactly A66's: names, units, bucket bounds
// (0 included, upper-inclusive) and tag keys.
test('the package’s A66ClientViews and A66ServerViews are A66’s instruments', () => {
  const real = [...A66ClientViews, ...A66ServerViews];
  expect(real).toEqual(A66_VIEWS);
  const shape = (v: View) => ({ name: v.name, unit: v.measure.unit, bounds: [...v.aggregation.bounds], upperInclusive: v.aggregation.upperInclusive, tagKeys: v.tagKeys.map((k) => k.name).sort() });
  const seconds = { bounds: A66_SECONDS_BOUNDS, upperInclusive: true };
  const bytes = { bounds: A66_BYTES_BOUNDS, upperInclusive: true };
  const count = { bounds: [], upperInclusive: false };
  const client = ['grpc.method', 'grpc.status', 'grpc.target'];
  const server = ['grpc.method', 'grpc.status'];
  expect(real.map(shape)).toEqual([
    { name: 'grpc.client.attempt.started', unit: '{attempt}', ...count, tagKeys: ['grpc.method', 'grpc.target'] },
    { name: 'grpc.client.attempt.duration', unit: 's', ...seconds, tagKeys: client },
    { name: 'grpc.client.attempt.sent_total_compressed_message_size', unit: 'By', ...bytes, tagKeys: client },
    { name: 'grpc.client.attempt.rcvd_total_compressed_message_size', unit: 'By', ...bytes, tagKeys: client },
    { name: 'grpc.client.call.duration', unit: 's', ...seconds, tagKeys: client },
    { name: 'grpc.server.call.started', unit: '{call}', ...count, tagKeys: ['grpc.method'] },
    { name: 'grpc.server.call.sent_total_compressed_message_size', unit: 'By', ...bytes, tagKeys: server },
    { name: 'grpc.server.call.rcvd_total_compressed_message_size', unit: 'By', ...bytes, tagKeys: server },
    { name: 'grpc.server.call.duration', unit: 's', ...seconds, tagKeys: server },
  ]);
});
