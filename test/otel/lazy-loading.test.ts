import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { requireBuiltDist, ROOT } from '../support/run-node';

// OpenTelemetry is an optional peer dependency: requiring the package root
// must load none of it, and the grpc-census/otel entry itself loads no OTel
// code either (it only needs OTel's types), so it works with whichever
// sdk-metrics (2.x or 3.x) the application has. Checked in a fresh process.

beforeAll(requireBuiltDist);

/** The @opentelemetry modules in require.cache after requiring `entry` in a fresh node. */
function otelModulesLoadedBy(entry: string): string[] {
  const script = `require(${JSON.stringify(entry)}); console.log(JSON.stringify(Object.keys(require.cache).filter((p) => p.includes('@opentelemetry'))));`;
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8' })) as string[];
}

describe('loading', () => {
  it('requiring the package root loads no @opentelemetry module', () => {
    expect(otelModulesLoadedBy(join(ROOT, 'dist', 'index.js'))).toEqual([]);
  });

  it('requiring the otel entry loads no @opentelemetry module either', () => {
    expect(otelModulesLoadedBy(join(ROOT, 'dist', 'otel', 'index.js'))).toEqual([]);
  });

  it('the root index never imports the otel folder', () => {
    expect(readFileSync(join(ROOT, 'src', 'index.ts'), 'utf8')).not.toMatch(/['"]\.\/otel/);
  });
});
