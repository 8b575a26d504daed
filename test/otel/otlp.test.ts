import { requireBuiltDist } from '../support/run-node';
import { expectOtlpOpenCensusViews } from './helpers/otlp-expectations';
import { OtlpReceiver } from './helpers/otlp-receiver';
import { runPipeline, SDK2_DIR } from './helpers/run-pipeline';

// Real gRPC traffic on 127.0.0.1 → grpc-census views → CensusMetricProducer →
// a real OTel MeterProvider + PeriodicExportingMetricReader → the real
// OTLP/HTTP protobuf exporter → a receiver decoding with the official .proto
// definitions. sdk-metrics 2.x here; sdk3.test.ts runs the same against 3.x.

jest.setTimeout(60_000);
beforeAll(requireBuiltDist);

let receiver: OtlpReceiver;
beforeAll(async () => (receiver = await OtlpReceiver.start()));
afterAll(() => receiver.stop());

it('exports the OpenCensus gRPC views of real RPCs over OTLP/HTTP protobuf (sdk-metrics 2.x)', async () => {
  const run = await runPipeline(receiver.url, SDK2_DIR, 'oc');
  expect(receiver.contentTypes.length).toBeGreaterThan(0);
  expect(receiver.contentTypes.every((t) => t === 'application/x-protobuf')).toBe(true);
  expectOtlpOpenCensusViews(receiver.lastMetrics('grpc-census'), run);
});
