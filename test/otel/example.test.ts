import { requireBuiltDist, runNode } from '../support/run-node';
import { a66Test } from './helpers/a66-gate';
import { OtlpReceiver } from './helpers/otlp-receiver';

// examples/otel-a66 runs as a user runs it (plain node, grpc-census resolved
// through its exports to dist/): real gRPC calls, one OTLP export to a
// receiver here, one scrape of OpenTelemetry's Prometheus exporter, then it
// exits by itself.

jest.setTimeout(60_000);
beforeAll(requireBuiltDist);

let receiver: OtlpReceiver;
beforeAll(async () => (receiver = await OtlpReceiver.start()));
afterAll(() => receiver.stop());

async function runExample(views: string): Promise<string[]> {
  const run = await runNode('examples/otel-a66/otel-a66.js', { args: ['--once', '--prom-port', '0', '--otlp', receiver.url, '--views', views], timeoutMs: 45_000 });
  expect({ code: run.code, signal: run.signal, stderr: run.stderr }).toEqual({ code: 0, signal: null, stderr: '' });
  return run.stdout
    .replace(/127\.0\.0\.1:\d+/g, '127.0.0.1:PORT')
    .replace(/,otel_scope_name="grpc-census",otel_scope_version="[^"]*"/g, '')
    .split('\n');
}

const M = 'rpc.Fetch/Capitalize';
const T = 'dns:///127.0.0.1:PORT';

a66Test('examples/otel-a66 exports the A66 views over OTLP and serves them through the OTel Prometheus exporter', async () => {
  expect(await runExample('a66')).toEqual([
    'gRPC on 127.0.0.1:PORT with a66 views; Prometheus text on http://127.0.0.1:PORT/metrics',
    `grpc_client_attempt_started_total{grpc_method="${M}",grpc_target="${T}"} 7`,
    ...['attempt_duration', 'attempt_sent_total_compressed_message_size', 'attempt_rcvd_total_compressed_message_size', 'call_duration'].flatMap((n) => [
      `grpc_client_${n}_count{grpc_method="${M}",grpc_target="${T}",grpc_status="OK"} 5`,
      `grpc_client_${n}_count{grpc_method="${M}",grpc_target="${T}",grpc_status="INVALID_ARGUMENT"} 2`,
    ]),
    `grpc_server_call_started_total{grpc_method="${M}"} 7`,
    ...['sent_total_compressed_message_size', 'rcvd_total_compressed_message_size', 'duration'].flatMap((n) => [
      `grpc_server_call_${n}_count{grpc_method="${M}",grpc_status="OK"} 5`,
      `grpc_server_call_${n}_count{grpc_method="${M}",grpc_status="INVALID_ARGUMENT"} 2`,
    ]),
    '',
  ]);
  const started = receiver.lastMetrics('grpc-census').get('grpc.server.call.started');
  expect(started?.sum?.data_points.map((p) => Number(p.as_int))).toEqual([7]);
});

test('examples/otel-a66 --views opencensus: the OpenCensus set through the same pipeline', async () => {
  expect(await runExample('opencensus')).toEqual([
    'gRPC on 127.0.0.1:PORT with opencensus views; Prometheus text on http://127.0.0.1:PORT/metrics',
    `grpc_io_client_sent_bytes_per_rpc_count{grpc_client_method="${M}"} 7`,
    `grpc_io_client_received_bytes_per_rpc_count{grpc_client_method="${M}"} 7`,
    `grpc_io_client_roundtrip_latency_count{grpc_client_method="${M}"} 7`,
    `grpc_io_client_completed_rpcs_total{grpc_client_method="${M}",grpc_client_status="OK"} 5`,
    `grpc_io_client_completed_rpcs_total{grpc_client_method="${M}",grpc_client_status="INVALID_ARGUMENT"} 2`,
    `grpc_io_client_started_rpcs_total{grpc_client_method="${M}"} 7`,
    `grpc_io_server_received_bytes_per_rpc_count{grpc_server_method="${M}"} 7`,
    `grpc_io_server_sent_bytes_per_rpc_count{grpc_server_method="${M}"} 7`,
    `grpc_io_server_server_latency_count{grpc_server_method="${M}"} 7`,
    `grpc_io_server_completed_rpcs_total{grpc_server_method="${M}",grpc_server_status="OK"} 5`,
    `grpc_io_server_completed_rpcs_total{grpc_server_method="${M}",grpc_server_status="INVALID_ARGUMENT"} 2`,
    `grpc_io_server_started_rpcs_total{grpc_server_method="${M}"} 7`,
    '',
  ]);
  // The same data reached the OTLP receiver (the forced export, then the one at shutdown).
  expect(receiver.requests.length).toBeGreaterThanOrEqual(1);
  const completed = receiver.lastMetrics('grpc-census').get('grpc.io/server/completed_rpcs');
  expect(completed?.sum?.data_points.map((p) => Number(p.as_int))).toEqual([5, 2]);
});
