import { AggregatorRegistry, Registry } from 'prom-client';
import { Aggregation, Stats, View, type PrometheusExporter } from '../../../src';
import { cleanRun, requireBuiltDist, runNode } from '../../support/run-node';
import { client } from './fixtures/grpc-views';
import { recordTraffic, type Traffic } from './fixtures/traffic';
import { setup } from './helpers';

// Issue 12: under node:cluster the primary sums the workers' registries with
// prom-client's AggregatorRegistry (it reads each worker's getMetricsAsJSON).

const exporters: PrometheusExporter[] = [];
afterEach(async () => {
  await Promise.all(exporters.splice(0).map((e) => e.stop()));
});

/**
 * Sample lines of an exposition, sorted, with the labels of each line sorted
 * (prom-client orders them its own way). Counts must be equal exactly; a
 * `_sum` of float values may differ in its last digit with the order of the
 * additions, so it is compared to 12 significant digits.
 */
function samples(text: string): string[] {
  const canonical = (line: string) => {
    const sorted = line.replace(/\{(.*)\}/, (_, body: string) => `{${body.split(/,(?=[a-zA-Z_]+=")/).sort().join(',')}}`);
    const cut = sorted.lastIndexOf(' ');
    return /_sum[{ ]/.test(sorted) ? `${sorted.slice(0, cut)} ${Number(Number(sorted.slice(cut + 1)).toPrecision(12))}` : sorted;
  };
  return text
    .split('\n')
    .filter((l) => l !== '' && !l.startsWith('#'))
    .map(canonical)
    .sort();
}

const percentiles = new View({ name: 'cluster.test/latency', measure: client.measures.latency, aggregation: Aggregation.distribution([1, 10], { percentiles: true }), tagKeys: [client.method] });

describe.each(['opencensus', 'prometheus'] as const)("'%s' naming", (naming) => {
  test('AggregatorRegistry.aggregate of 3 workers equals one process that saw all their traffic: every counter and le bucket exact', async () => {
    const shapes: Traffic[] = [
      { unary: 5, failed: 1, streams: 0 },
      { unary: 11, failed: 0, streams: 2 },
      { unary: 2, failed: 4, streams: 1 },
    ];
    const workers = shapes.map((traffic) => {
      const s = setup({ naming, stats: new Stats({ warn: () => {} }) });
      exporters.push(s.exporter);
      recordTraffic(s.stats, traffic);
      s.stats.registerView(percentiles);
      s.stats.record(client.measures.latency.m(3));
      return s.registry;
    });
    const whole = setup({ naming, stats: new Stats({ warn: () => {} }) });
    exporters.push(whole.exporter);
    for (const traffic of shapes) recordTraffic(whole.stats, traffic);
    whole.stats.registerView(percentiles);
    for (let i = 0; i < 3; i++) whole.stats.record(client.measures.latency.m(3));

    const summed = AggregatorRegistry.aggregate(await Promise.all(workers.map((r: Registry) => r.getMetricsAsJSON())));
    const text = await summed.metrics();
    expect(samples(text)).toEqual(samples(await whole.exporter.metrics()).filter((l) => !l.includes('_quantiles')));
    // The per-process quantile summary is left out (a sum of p99s is no p99); its histogram is summed.
    expect(text).not.toContain('cluster_test_latency_quantiles');
    expect(text).toContain(`cluster_test_latency${naming === 'prometheus' ? '_seconds' : ''}_count{grpc_client_method=""} 3\n`);
  });
});

test('examples/cluster/cluster.js: 3 workers under node:cluster with real gRPC calls; the primary serves exact sums', async () => {
  requireBuiltDist();
  const run = await runNode('examples/cluster/cluster.js', { args: ['--workers', '3', '--port', '0', '--once'], timeoutMs: 30_000 });
  const m = 'grpc_server_method="rpc.Fetch/Capitalize"';
  // Worker n made 2n calls of 1024 bytes each way and 1 failing call with a 1500-byte request (no response): 12 OK + 3 failed.
  expect({ ...run, stdout: run.stdout.replace(/127\.0\.0\.1:\d+/, '127.0.0.1:PORT') }).toEqual(
    cleanRun([
      'primary: 3 workers, summed metrics on http://127.0.0.1:PORT/metrics',
      `grpc_io_server_received_bytes_per_rpc_bucket{${m},le="1024"} 12`,
      `grpc_io_server_received_bytes_per_rpc_bucket{${m},le="2048"} 15`,
      `grpc_io_server_received_bytes_per_rpc_bucket{${m},le="+Inf"} 15`,
      `grpc_io_server_received_bytes_per_rpc_count{${m}} 15`,
      `grpc_io_server_sent_bytes_per_rpc_bucket{${m},le="1024"} 15`,
      `grpc_io_server_sent_bytes_per_rpc_bucket{${m},le="2048"} 15`,
      `grpc_io_server_sent_bytes_per_rpc_bucket{${m},le="+Inf"} 15`,
      `grpc_io_server_sent_bytes_per_rpc_count{${m}} 15`,
      `grpc_io_server_server_latency_bucket{${m},le="+Inf"} 15`,
      `grpc_io_server_server_latency_count{${m}} 15`,
      `grpc_io_server_completed_rpcs{${m},grpc_server_status="OK"} 12`,
      `grpc_io_server_completed_rpcs{${m},grpc_server_status="INVALID_ARGUMENT"} 3`,
      `grpc_io_server_started_rpcs{${m}} 15`,
    ]),
  );
});
