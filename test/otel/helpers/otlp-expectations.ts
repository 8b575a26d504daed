import { DefaultBytesDistribution, DefaultMessageCountDistribution, DefaultMillisecondsDistribution } from '../../../src';
import { attributesOf, type OtlpMetric, type OtlpPoint } from './otlp-receiver';
import type { PipelineRun } from './run-pipeline';

const METHOD = 'census.test.Echo/Unary';
const CUMULATIVE = 'AGGREGATION_TEMPORALITY_CUMULATIVE';

/** `[attributes, value]` of each point, in row order. */
function points(metric: OtlpMetric | undefined, value: (p: OtlpPoint) => unknown): [Record<string, unknown>, unknown][] {
  const data = metric?.sum ?? metric?.histogram ?? metric?.gauge;
  if (data === undefined) throw new Error(`metric missing or without data: ${JSON.stringify(metric)}`);
  return data.data_points.map((p) => [attributesOf(p), value(p)]);
}

/** The registration time of `view` in ns since the epoch, as OTLP states it. */
function startNanos(run: PipelineRun, view: string): string {
  return (BigInt(run.starts[view]) * 1_000_000n).toString();
}

/**
 * What the OpenCensus gRPC views must say over OTLP after the fixture's real
 * unary calls: `ok` sending "hello", `notFound` sending "error:5".
 */
export function expectOtlpOpenCensusViews(metrics: Map<string, OtlpMetric>, run: PipelineRun): void {
  const { calls } = run;
  const total = calls.ok + calls.notFound;

  // Count → monotonic cumulative integer sum; a count of latencies has unit 1.
  const completed = metrics.get('grpc.io/server/completed_rpcs');
  expect(completed).toMatchObject({ unit: '1', data: 'sum', sum: { is_monotonic: true, aggregation_temporality: CUMULATIVE } });
  expect(points(completed, (p) => [p.value, p.as_int])).toEqual([
    [{ grpc_server_method: METHOD, grpc_server_status: 'OK' }, ['as_int', String(calls.ok)]],
    [{ grpc_server_method: METHOD, grpc_server_status: 'NOT_FOUND' }, ['as_int', String(calls.notFound)]],
  ]);
  expect(points(metrics.get('grpc.io/client/completed_rpcs'), (p) => Number(p.as_int))).toEqual([
    [{ grpc_client_method: METHOD, grpc_client_status: 'OK' }, calls.ok],
    [{ grpc_client_method: METHOD, grpc_client_status: 'NOT_FOUND' }, calls.notFound],
  ]);
  expect(points(metrics.get('grpc.io/client/started_rpcs'), (p) => Number(p.as_int))).toEqual([[{ grpc_client_method: METHOD }, total]]);

  // Distribution → cumulative histogram: bounds, unit, count = Σ buckets, min/max.
  const latency = metrics.get('grpc.io/server/server_latency');
  expect(latency).toMatchObject({ unit: 'ms', data: 'histogram', histogram: { aggregation_temporality: CUMULATIVE } });
  const [p] = latency!.histogram!.data_points;
  expect(attributesOf(p)).toEqual({ grpc_server_method: METHOD });
  expect(p.explicit_bounds).toEqual(DefaultMillisecondsDistribution.bounds);
  expect(p.bucket_counts).toHaveLength(DefaultMillisecondsDistribution.bounds.length + 1);
  expect(p.bucket_counts!.reduce((a, c) => a + Number(c), 0)).toBe(total);
  expect(Number(p.count)).toBe(total);
  expect(p.min).toBeGreaterThan(0);
  expect(p.max).toBeGreaterThanOrEqual(p.min!);
  expect(p.sum).toBeGreaterThanOrEqual(p.min! * total);
  // Start = the view's registration, in ns; end after it.
  expect(p.start_time_unix_nano).toBe(startNanos(run, 'grpc.io/server/server_latency'));
  expect(BigInt(p.time_unix_nano)).toBeGreaterThan(BigInt(p.start_time_unix_nano));

  // Exact upper-inclusive buckets: every RPC carried exactly 1 request, which
  // sits on the first bound (1); OpenCensus' [1, 2) bucket is converted to (−∞, 1].
  const messages = metrics.get('grpc.io/server/received_messages_per_rpc')!.histogram!.data_points;
  expect(messages.map((m) => [attributesOf(m), m.explicit_bounds?.[0], Number(m.bucket_counts![0]), Number(m.count)])).toEqual([
    [{ grpc_server_method: METHOD }, DefaultMessageCountDistribution.bounds[0], total, total],
  ]);
  // Requests of 7 ("hello") and 9 bytes ("error:5"): all in the first bytes bucket, sum exact.
  const sent = metrics.get('grpc.io/client/sent_bytes_per_rpc');
  expect(sent?.unit).toBe('By');
  expect(points(sent, (q) => [q.explicit_bounds?.length, Number(q.bucket_counts![0]), q.sum, q.min, q.max])).toEqual([
    [{ grpc_client_method: METHOD }, [DefaultBytesDistribution.bounds.length, total, 7 * calls.ok + 9 * calls.notFound, 7, 9]],
  ]);
}
