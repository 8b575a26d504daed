import { A66LatencyDistribution, A66SizeDistribution } from '../../../src';
import { attributesOf, type OtlpMetric, type OtlpPoint } from './otlp-receiver';
import type { PipelineRun } from './run-pipeline';

const METHOD = 'census.test.Echo/Unary';
const CUMULATIVE = 'AGGREGATION_TEMPORALITY_CUMULATIVE';

function dataPoints(metrics: Map<string, OtlpMetric>, name: string): OtlpPoint[] {
  const m = metrics.get(name);
  const points = (m?.sum ?? m?.histogram)?.data_points;
  if (points === undefined) throw new Error(`no data points for ${name}: ${JSON.stringify(m)}`);
  return points;
}

/**
 * What the A66 views must say over OTLP after the fixture's real unary calls
 * (`ok` sending "hello": 7 bytes out, 7 back; `notFound` sending "error:5":
 * 9 bytes out, nothing back), one attempt per call.
 */
export function expectOtlpA66Views(metrics: Map<string, OtlpMetric>, run: PipelineRun): void {
  const { ok, notFound } = run.calls;
  const total = ok + notFound;

  // Counters: monotonic cumulative integer sums, annotation units kept.
  expect(metrics.get('grpc.client.attempt.started')).toMatchObject({ unit: '{attempt}', sum: { is_monotonic: true, aggregation_temporality: CUMULATIVE } });
  const started = dataPoints(metrics, 'grpc.client.attempt.started');
  expect(started.map((p) => Number(p.as_int))).toEqual([total]);
  expect(attributesOf(started[0])).toEqual({ 'grpc.method': METHOD, 'grpc.target': expect.stringMatching(/^dns:\/\/\/127\.0\.0\.1:\d+$/) });
  expect(metrics.get('grpc.server.call.started')?.unit).toBe('{call}');
  expect(dataPoints(metrics, 'grpc.server.call.started').map((p) => [attributesOf(p), Number(p.as_int)])).toEqual([[{ 'grpc.method': METHOD }, total]]);

  // Durations: seconds, A66's bounds with the 0 bound, one point per status.
  for (const name of ['grpc.server.call.duration', 'grpc.client.call.duration', 'grpc.client.attempt.duration']) {
    expect(metrics.get(name)).toMatchObject({ unit: 's', histogram: { aggregation_temporality: CUMULATIVE } });
    const points = dataPoints(metrics, name);
    expect(points.map((p) => [attributesOf(p)['grpc.status'], Number(p.count), p.explicit_bounds])).toEqual([
      ['OK', ok, A66LatencyDistribution.bounds],
      ['NOT_FOUND', notFound, A66LatencyDistribution.bounds],
    ]);
    for (const p of points) {
      expect(p.bucket_counts!.reduce((a, c) => a + Number(c), 0)).toBe(Number(p.count));
      expect(p.max!).toBeGreaterThanOrEqual(p.min!);
      expect(p.start_time_unix_nano).toBe((BigInt(run.starts[name]) * 1_000_000n).toString());
    }
  }

  // Sizes: bytes, upper-inclusive with the 0 bound. A 0-byte reply (NOT_FOUND)
  // counts in the bucket closed by 0; 7 and 9 bytes in (0, 1024].
  const sizes = (name: string) =>
    dataPoints(metrics, name).map((p) => [attributesOf(p)['grpc.status'], p.explicit_bounds?.[0], p.bucket_counts!.slice(0, 2).map(Number), p.sum]);
  expect(metrics.get('grpc.server.call.sent_total_compressed_message_size')?.unit).toBe('By');
  expect(dataPoints(metrics, 'grpc.server.call.sent_total_compressed_message_size')[0].explicit_bounds).toEqual(A66SizeDistribution.bounds);
  expect(sizes('grpc.server.call.sent_total_compressed_message_size')).toEqual([
    ['OK', 0, [0, ok], 7 * ok],
    ['NOT_FOUND', 0, [notFound, 0], 0],
  ]);
  expect(sizes('grpc.server.call.rcvd_total_compressed_message_size')).toEqual([
    ['OK', 0, [0, ok], 7 * ok],
    ['NOT_FOUND', 0, [0, notFound], 9 * notFound],
  ]);
  expect(sizes('grpc.client.attempt.sent_total_compressed_message_size')).toEqual([
    ['OK', 0, [0, ok], 7 * ok],
    ['NOT_FOUND', 0, [0, notFound], 9 * notFound],
  ]);
  expect(sizes('grpc.client.attempt.rcvd_total_compressed_message_size')).toEqual([
    ['OK', 0, [0, ok], 7 * ok],
    ['NOT_FOUND', 0, [notFound, 0], 0],
  ]);
}
