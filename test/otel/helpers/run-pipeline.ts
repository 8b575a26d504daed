import { join } from 'node:path';
import { ROOT, runNode } from '../../support/run-node';
import type { Calls } from './grpc-traffic';

/** What the pipeline fixture reports: the calls it made and each view's registration time (ms). */
export interface PipelineRun {
  calls: Calls;
  starts: Record<string, number>;
}

/**
 * Runs test/otel/fixtures/otlp-pipeline.js with plain node (the OTLP exporter
 * needs real dynamic import(), which jest's sandbox lacks), loading the OTel
 * SDK and OTLP exporter from `sdkDir`, and exporting to `url`.
 */
export async function runPipeline(url: string, sdkDir: string, views: 'oc' | 'a66' | 'both'): Promise<PipelineRun> {
  const run = await runNode(join(__dirname, '..', 'fixtures', 'otlp-pipeline.js'), { args: [url, sdkDir, views], timeoutMs: 45_000 });
  if (run.code !== 0 || run.stderr !== '') throw new Error(`pipeline fixture failed (code ${run.code}, signal ${run.signal}):\n${run.stderr}\n${run.stdout}`);
  return JSON.parse(run.stdout) as PipelineRun;
}

/** The project root, whose node_modules hold sdk-metrics 2.x. */
export const SDK2_DIR = ROOT;
