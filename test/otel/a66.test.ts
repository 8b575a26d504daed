import { A66ClientViews, A66ServerViews, Stats } from '../../src';
import { PrometheusServer } from '../exporters/prometheus/fixtures/prometheus-server';
import { requireBuiltDist } from '../support/run-node';
import { a66Test } from './helpers/a66-gate';
import { expectOtlpA66Views } from './helpers/a66-expectations';
import { makeCalls, OC_VIEWS } from './helpers/grpc-traffic';
import { startOtelPrometheus, type OtelPrometheus } from './helpers/otel-prometheus';
import { expectOtlpOpenCensusViews } from './helpers/otlp-expectations';
import { OtlpReceiver } from './helpers/otlp-receiver';
import { runPipeline, SDK2_DIR } from './helpers/run-pipeline';

// The gRFC A66 views of real RPCs through the OpenTelemetry SDK: over OTLP
// (decoded with the official .proto files) together with the OpenCensus set,
// and through OpenTelemetry's Prometheus exporter into a real Prometheus.

jest.setTimeout(90_000);
beforeAll(requireBuiltDist);

let receiver: OtlpReceiver;
let prometheus: PrometheusServer | undefined;
let target: OtelPrometheus | undefined;
beforeAll(async () => (receiver = await OtlpReceiver.start()));
afterAll(async () => {
  await receiver.stop();
  await prometheus?.stop();
  await target?.stop();
});

a66Test('A66 and OpenCensus views of the same RPCs, both exported over OTLP/HTTP protobuf', async () => {
  const run = await runPipeline(receiver.url, SDK2_DIR, 'both');
  const metrics = receiver.lastMetrics('grpc-census');
  expectOtlpA66Views(metrics, run);
  expectOtlpOpenCensusViews(metrics, run);
});

a66Test('a real Prometheus over the OTel Prometheus exporter: sum(grpc_server_call_duration_count) is the calls made', async () => {
  const stats = new Stats();
  stats.registerView(...A66ClientViews, ...A66ServerViews, ...OC_VIEWS);
  const calls = await makeCalls(stats);
  const total = calls.ok + calls.notFound;
  target = await startOtelPrometheus(stats);
  prometheus = await PrometheusServer.start({ otel: target.port });
  const p = prometheus;
  await p.waitFor('a scrape with the A66 views', async () => (await p.query('grpc_server_call_duration_count')).length > 0);
  const scalar = (q: string) => p.scalar(q);
  // The JS exporter adds no unit suffix: grpc_server_call_duration, not …_seconds.
  expect(await scalar('sum(grpc_server_call_duration_count)')).toBe(total);
  expect(await scalar('sum(grpc_client_call_duration_count{grpc_status="NOT_FOUND"})')).toBe(calls.notFound);
  expect(await scalar('sum(grpc_client_attempt_started_total)')).toBe(total);
  expect(await scalar('sum(grpc_server_call_started_total)')).toBe(total);
  // A 0-byte reply counts in le="0"; "hello" (7 bytes) in le="1024".
  expect(await scalar('sum(grpc_server_call_sent_total_compressed_message_size_bucket{le="0"})')).toBe(calls.notFound);
  expect(await scalar('sum(grpc_server_call_sent_total_compressed_message_size_bucket{le="1024"})')).toBe(total);
  // Both sets from the same RPCs agree.
  expect(await scalar('sum(grpc_io_server_server_latency_count)')).toBe(total);
});
