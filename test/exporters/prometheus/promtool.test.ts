import { Aggregation, Stats, TagMap, View, type PrometheusExporter } from '../../../src';
import { A66_VIEWS, a66 } from './fixtures/a66-views';
import { findOnPath, promtoolCheck as promtool, requireBinary } from './fixtures/binaries';
import { client } from './fixtures/grpc-views';
import { recordTraffic } from './fixtures/traffic';
import { setup } from './helpers';

let exporter: PrometheusExporter | undefined;
afterEach(() => exporter?.stop());

function exposition(naming: 'opencensus' | 'prometheus'): Promise<string> {
  const s = setup({ naming, stats: new Stats({ warn: () => {} }) });
  exporter = s.exporter;
  recordTraffic(s.stats);
  s.stats.registerView(new View({ name: 'promtool.test/latency_percentiles', measure: client.measures.latency, aggregation: Aggregation.distribution([1, 10], { percentiles: true }), tagKeys: [client.method] }));
  s.stats.record(client.measures.latency.m(3));
  return s.exporter.metrics();
}

test("'prometheus' naming: promtool check metrics passes with no warning", async () => {
  const text = await exposition('prometheus');
  expect(text).toContain('grpc_io_client_roundtrip_latency_seconds_bucket{');
  expect(promtool(text)).toEqual({ status: 0, problems: [] });
});

test("'opencensus' naming: valid exposition; the only complaints are counters without _total (opencensus-go's names)", async () => {
  const text = await exposition('opencensus');
  const { status, problems } = promtool(text);
  expect(status).toBe(3); // lint problems, not a parse error (1)
  expect(problems.sort()).toEqual(
    ['grpc_io_client_completed_rpcs', 'grpc_io_client_started_rpcs', 'grpc_io_server_completed_rpcs', 'grpc_io_server_started_rpcs'].map(
      (n) => `${n} counter metrics should have "_total" suffix`,
    ),
  );
});

test("the A66 views in 'prometheus' naming: promtool check metrics passes with no warning", async () => {
  const s = setup({ naming: 'prometheus', stats: new Stats({ warn: () => {} }) });
  exporter = s.exporter;
  s.stats.registerView(...A66_VIEWS);
  const c = TagMap.from({ 'grpc.method': 'pkg.Svc/M', 'grpc.target': 'dns:///localhost:50051', 'grpc.status': 'OK' });
  const sv = TagMap.from({ 'grpc.method': 'pkg.Svc/M', 'grpc.status': 'OK' });
  for (const v of [a66.attemptStarted, a66.attemptDuration, a66.attemptSent, a66.attemptRcvd, a66.callDuration]) s.stats.record(v.measure.m(v === a66.attemptStarted ? 1 : 0), c);
  for (const v of [a66.serverStarted, a66.serverDuration, a66.serverSent, a66.serverRcvd]) s.stats.record(v.measure.m(1024), sv);
  const text = await s.exporter.metrics();
  expect(text).toContain('\ngrpc_client_attempt_duration_seconds_bucket{grpc_method="pkg.Svc/M",grpc_target="dns:///localhost:50051",grpc_status="OK",le="0"} 1\n');
  expect(text).toContain('\ngrpc_server_call_started_total{grpc_method="pkg.Svc/M"} 1\n');
  expect(promtool(text)).toEqual({ status: 0, problems: [] });
});

test('the Prometheus tools are looked up on PATH; a missing one fails with how to install it', () => {
  expect(requireBinary('promtool')).toBe(findOnPath('promtool'));
  const path = process.env.PATH;
  process.env.PATH = '/nonexistent';
  try {
    expect(() => requireBinary('prometheus')).toThrow(/^prometheus was not found on PATH \(\/nonexistent\)\. .*apt-get install prometheus/);
  } finally {
    process.env.PATH = path;
  }
});
