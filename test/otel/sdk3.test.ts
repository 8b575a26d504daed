import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { requireBuiltDist } from '../support/run-node';
import { a66Test } from './helpers/a66-gate';
import { expectOtlpA66Views } from './helpers/a66-expectations';
import { expectOtlpOpenCensusViews } from './helpers/otlp-expectations';
import { OtlpReceiver } from './helpers/otlp-receiver';
import { runPipeline } from './helpers/run-pipeline';

// The same OTLP pipeline as otlp.test.ts against @opentelemetry/sdk-metrics
// 3.x. Its @opentelemetry/api peer range (1.10) excludes the 1.9 that
// sdk-metrics 2.x needs, so 3.x lives in its own install under
// test/otel/sdk3 (package.json + lock), made here on first use with `npm ci`.

const SDK3_DIR = join(__dirname, 'sdk3');

jest.setTimeout(180_000);
beforeAll(requireBuiltDist);
beforeAll(() => {
  if (existsSync(join(SDK3_DIR, 'node_modules', '@opentelemetry', 'sdk-metrics'))) return;
  execFileSync('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: SDK3_DIR, stdio: 'pipe' });
});

let receiver: OtlpReceiver;
beforeAll(async () => (receiver = await OtlpReceiver.start()));
afterAll(() => receiver.stop());

it('runs against sdk-metrics 3.x', () => {
  const version = (require(join(SDK3_DIR, 'node_modules', '@opentelemetry', 'sdk-metrics', 'package.json')) as { version: string }).version;
  expect(version).toMatch(/^3\./);
});

it('exports the OpenCensus gRPC views of real RPCs over OTLP/HTTP protobuf (sdk-metrics 3.x)', async () => {
  const run = await runPipeline(receiver.url, SDK3_DIR, 'oc');
  expect(receiver.contentTypes.every((t) => t === 'application/x-protobuf')).toBe(true);
  expectOtlpOpenCensusViews(receiver.lastMetrics('grpc-census'), run);
});

a66Test('exports the A66 views of real RPCs over OTLP/HTTP protobuf (sdk-metrics 3.x)', async () => {
  const run = await runPipeline(receiver.url, SDK3_DIR, 'a66');
  expectOtlpA66Views(receiver.lastMetrics('grpc-census'), run);
});
