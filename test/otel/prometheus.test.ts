import { Stats } from '../../src';
import { PrometheusServer } from '../exporters/prometheus/fixtures/prometheus-server';
import { makeCalls, OC_VIEWS } from './helpers/grpc-traffic';
import { startOtelPrometheus, type OtelPrometheus } from './helpers/otel-prometheus';

// Real gRPC calls → grpc-census views → CensusMetricProducer →
// @opentelemetry/exporter-prometheus → scraped by a real Prometheus → PromQL.
// The JS exporter turns dots and slashes into `_` and adds `_total` to
// counters but no unit suffix (grpc.io/server/server_latency →
// grpc_io_server_server_latency, not …_milliseconds): the names asserted here
// are the ones it really produces.

// Needs the prometheus binary (Debian package `prometheus`); the fixture
// fails, never skips, without it.

jest.setTimeout(90_000);

let prometheus: PrometheusServer | undefined;
let target: OtelPrometheus | undefined;
afterAll(async () => {
  await prometheus?.stop();
  await target?.stop();
});

it('a real Prometheus scrapes the OTel Prometheus exporter fed by the producer', async () => {
  const stats = new Stats();
  stats.registerView(...OC_VIEWS);
  const calls = await makeCalls(stats);
  const total = calls.ok + calls.notFound;
  target = await startOtelPrometheus(stats);
  prometheus = await PrometheusServer.start({ otel: target.port });
  const p = prometheus;
  await p.waitFor('a scrape with the gRPC views', async () => (await p.query('grpc_io_server_server_latency_count')).length > 0);

  const scalar = (q: string) => p.scalar(q);
  expect(await scalar('sum(grpc_io_server_server_latency_count)')).toBe(total);
  expect(await scalar('sum(grpc_io_client_roundtrip_latency_count)')).toBe(total);
  expect(await scalar('sum(grpc_io_server_completed_rpcs_total{grpc_server_status="NOT_FOUND"})')).toBe(calls.notFound);
  expect(await scalar('sum(grpc_io_client_started_rpcs_total)')).toBe(total);
  // Exact upper-inclusive buckets end to end: every RPC carried exactly one
  // request, a value on the first bound (1), so le="1" holds them all.
  expect(await scalar('sum(grpc_io_server_received_messages_per_rpc_bucket{le="1"})')).toBe(total);
  // The instrumentation scope comes along as labels.
  expect((await p.query('grpc_io_server_started_rpcs_total'))[0].metric).toMatchObject({ otel_scope_name: 'grpc-census' });
});
