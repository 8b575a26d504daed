import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { requireBuiltDist, ROOT } from '../support/run-node';
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

// A TypeScript consumer compiled against 3.x's own types (every
// @opentelemetry import mapped to the 3.x install): the published declarations
// of grpc-census/otel satisfy 3.x's MetricProducer and reader options under --strict.
const CONSUMER = `
import { MeterProvider, PeriodicExportingMetricReader, type MetricProducer, type PushMetricExporter } from '@opentelemetry/sdk-metrics';
import { CensusMetricProducer } from '${join(ROOT, 'dist', 'otel')}';
import { Stats } from '${join(ROOT, 'dist')}';

declare const exporter: PushMetricExporter;
const producer: MetricProducer = new CensusMetricProducer({ stats: new Stats() });
const reader = new PeriodicExportingMetricReader({ exporter, metricProducers: [producer, new CensusMetricProducer()] });
export const provider = new MeterProvider({ readers: [reader] });
export const collected: Promise<number> = producer.collect({ timeoutMillis: 100 }).then((r) => r.resourceMetrics.scopeMetrics.length);
`;

it('type-checks a strict TypeScript consumer against sdk-metrics 3.x types', () => {
  const dir = mkdtempSync(join(tmpdir(), 'grpc-census-otel-types-'));
  try {
    writeFileSync(join(dir, 'consumer.ts'), CONSUMER);
    const compilerOptions = {
      strict: true,
      noEmit: true,
      target: 'ES2022',
      module: 'commonjs',
      moduleResolution: 'node',
      types: ['node'],
      // Errors inside declaration files are package.test.ts's subject; here the
      // consumer's own lines check that our classes satisfy 3.x's interfaces.
      // (Checking all of 3.x's and Node's .d.ts too tripled this test's time.)
      skipLibCheck: true,
      typeRoots: [join(ROOT, 'node_modules', '@types')],
      baseUrl: dir,
      paths: { '@opentelemetry/*': [join(SDK3_DIR, 'node_modules', '@opentelemetry', '*')] },
    };
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions, files: ['consumer.ts'] }));
    const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
    const listed = execFileSync(process.execPath, [tsc, '-p', join(dir, 'tsconfig.json'), '--listFiles'], { encoding: 'utf8' });
    // The OpenTelemetry types really came from the 3.x install.
    expect(listed).toContain(join(SDK3_DIR, 'node_modules', '@opentelemetry', 'sdk-metrics', 'dist'));
    expect(listed).not.toContain(join(ROOT, 'node_modules', '@opentelemetry'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
