import { createServer, type Server } from 'node:http';
import { dirname, join } from 'node:path';
import * as protobuf from 'protobufjs';

// An OTLP/HTTP metrics receiver on 127.0.0.1 that decodes each request with
// the official opentelemetry-proto definitions (the .proto files shipped by
// @opentelemetry/otlp-grpc-exporter-base 0.38), through protobufjs: nothing
// of the exporter's own serializer is trusted.

const PROTOS = join(dirname(require.resolve('@opentelemetry/otlp-grpc-exporter-base/package.json')), 'build', 'protos');

function loadRequestType(): protobuf.Type {
  const root = new protobuf.Root();
  // Imports in the .proto files are relative to the protos folder.
  root.resolvePath = (_origin, target) => (target.startsWith('/') ? target : join(PROTOS, target));
  root.loadSync('opentelemetry/proto/collector/metrics/v1/metrics_service.proto', { keepCase: true });
  return root.lookupType('opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest');
}

/** An OTLP key/value attribute, decoded. */
export interface KeyValue {
  key: string;
  value: { string_value?: string; bool_value?: boolean; int_value?: string; double_value?: number };
}

/** A decoded OTLP data point (number or histogram); 64-bit integers (times in ns, counts) as decimal strings. */
export interface OtlpPoint {
  attributes: KeyValue[];
  start_time_unix_nano: string;
  time_unix_nano: string;
  as_int?: string;
  as_double?: number;
  value?: 'as_int' | 'as_double';
  count?: string;
  sum?: number;
  min?: number;
  max?: number;
  bucket_counts?: string[];
  explicit_bounds?: number[];
}

/** A decoded OTLP metric. */
export interface OtlpMetric {
  name: string;
  description: string;
  unit: string;
  data: 'sum' | 'gauge' | 'histogram';
  sum?: { data_points: OtlpPoint[]; aggregation_temporality: string; is_monotonic: boolean };
  gauge?: { data_points: OtlpPoint[] };
  histogram?: { data_points: OtlpPoint[]; aggregation_temporality: string };
}

/** A decoded ExportMetricsServiceRequest. */
export interface OtlpRequest {
  resource_metrics: { scope_metrics: { scope: { name: string; version: string }; metrics: OtlpMetric[] }[] }[];
}

/** Receives OTLP/HTTP protobuf metric exports and keeps every decoded request. */
export class OtlpReceiver {
  private constructor(
    private readonly server: Server,
    readonly url: string,
    /** Every request received, decoded, oldest first. */
    readonly requests: OtlpRequest[],
    /** The content-type header of each request. */
    readonly contentTypes: string[],
  ) {}

  static async start(): Promise<OtlpReceiver> {
    const type = loadRequestType();
    const requests: OtlpRequest[] = [];
    const contentTypes: string[] = [];
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        contentTypes.push(String(req.headers['content-type']));
        const message = type.decode(Buffer.concat(chunks));
        // 64-bit integers as strings: times keep their nanoseconds exactly.
        requests.push(type.toObject(message, { longs: String, enums: String, oneofs: true, arrays: true }) as OtlpRequest);
        res.writeHead(200, { 'content-type': 'application/x-protobuf' });
        res.end(); // an empty ExportMetricsServiceResponse: full success
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    return new OtlpReceiver(server, `http://127.0.0.1:${port}/v1/metrics`, requests, contentTypes);
  }

  /** The metrics of the last request under the instrumentation scope `scope`, by name. */
  lastMetrics(scope: string): Map<string, OtlpMetric> {
    const last = this.requests[this.requests.length - 1];
    if (last === undefined) throw new Error('no OTLP request received');
    const scopes = last.resource_metrics.flatMap((r) => r.scope_metrics).filter((s) => s.scope.name === scope);
    return new Map(scopes.flatMap((s) => s.metrics).map((m) => [m.name, m]));
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** OTLP attributes as a plain object. */
export function attributesOf(point: OtlpPoint): Record<string, unknown> {
  return Object.fromEntries(point.attributes.map((kv) => [kv.key, kv.value.string_value ?? kv.value.bool_value ?? kv.value.int_value ?? kv.value.double_value]));
}
