import { Stats, type PrometheusExporter } from '../../../src';
import { PrometheusServer } from './fixtures/prometheus-server';
import { recordTraffic } from './fixtures/traffic';
import { setup } from './helpers';

jest.setTimeout(90000);

let prometheus: PrometheusServer | undefined;
const exporters: PrometheusExporter[] = [];
afterAll(async () => {
  await prometheus?.stop();
  await Promise.all(exporters.map((e) => e.stop()));
});

test('a real Prometheus scrapes both formats and computes over exact buckets', async () => {
  // Job "text": text 0.0.4, opencensus names. Job "om": OpenMetrics, prometheus names.
  const text = setup({ stats: new Stats({ warn: () => {} }) });
  const om = setup({ naming: 'prometheus', openMetrics: true, stats: new Stats({ warn: () => {} }) });
  exporters.push(text.exporter, om.exporter);
  const traffic = recordTraffic(text.stats);
  recordTraffic(om.stats);
  const total = traffic.unary + traffic.failed + traffic.streams;
  const ports = { text: (await text.exporter.startServer({ port: 0 })).port, om: (await om.exporter.startServer({ port: 0 })).port };
  prometheus = await PrometheusServer.start(ports);
  const p = prometheus;

  await p.waitFor('a successful scrape of both targets', async () => {
    const up = await p.query('up');
    return up.length === 2 && up.every((s) => s.value[1] === '1') && (await p.query('grpc_io_client_completed_rpcs_total')).length > 0 && (await p.query('grpc_io_client_completed_rpcs')).length > 0;
  });

  const scalar = (q: string) => p.scalar(q);
  // Counters: every recorded RPC, split by status.
  expect(await scalar('sum(grpc_io_client_completed_rpcs{job="text"})')).toBe(total);
  expect(await scalar('sum(grpc_io_client_completed_rpcs_total{job="om"})')).toBe(total);
  expect(await scalar('sum(grpc_io_server_completed_rpcs{job="text",grpc_server_status="INVALID_ARGUMENT"})')).toBe(traffic.failed);
  expect(await scalar('sum(grpc_io_client_started_rpcs_total{job="om"})')).toBe(total);

  // Exact le: every RPC sent exactly 1 message, so le="1" holds them all (OpenCensus' [lo,hi) buckets would say 0).
  expect(await scalar('sum(grpc_io_client_sent_messages_per_rpc_bucket{job="text",le=~"1(\\\\.0)?"})')).toBe(total);
  expect(await scalar('sum(grpc_io_client_sent_messages_per_rpc_bucket{job="om",le=~"1(\\\\.0)?"})')).toBe(total);
  // 1024-byte requests sit on the first bytes bound.
  expect(await scalar('sum(grpc_io_server_received_bytes_per_rpc_bucket{job="text",le=~"1024(\\\\.0)?"})')).toBe(total);

  // Quantiles over the raw buckets are finite and in the recorded range (latencies 0.3–25 ms).
  const p50ms = await scalar('histogram_quantile(0.5, sum by (le) (grpc_io_client_roundtrip_latency_bucket{job="text"}))');
  const p50s = await scalar('histogram_quantile(0.5, sum by (le) (grpc_io_client_roundtrip_latency_seconds_bucket{job="om"}))');
  expect(Number.isFinite(p50ms)).toBe(true);
  expect(p50ms).toBeGreaterThan(0.3);
  expect(p50ms).toBeLessThanOrEqual(25);
  expect(p50s * 1000).toBeCloseTo(p50ms, 6);
  expect(await scalar('sum(grpc_io_client_roundtrip_latency_seconds_count{job="om"})')).toBe(total);
});
