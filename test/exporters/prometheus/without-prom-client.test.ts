import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// The built package installed in a directory where prom-client cannot be resolved.
const ROOT = join(__dirname, '..', '..', '..');
const DIST = join(ROOT, 'dist');

test('the package works without prom-client; only constructing the exporter fails, saying how to fix it', () => {
  if (!existsSync(join(DIST, 'index.js'))) throw new Error('dist/ is missing: run `npm run build` first');
  const dir = mkdtempSync(join(tmpdir(), 'grpc-census-noprom-'));
  try {
    const pkg = join(dir, 'node_modules', 'grpc-census');
    mkdirSync(pkg, { recursive: true });
    cpSync(join(ROOT, 'package.json'), join(pkg, 'package.json'));
    cpSync(DIST, join(pkg, 'dist'), { recursive: true });
    // Everything else the package may load stays resolvable: this test is about prom-client alone.
    for (const dep of ['hdr-histogram-js', '@grpc/grpc-js', '@grpc/proto-loader']) {
      mkdirSync(join(dir, 'node_modules', dep, '..'), { recursive: true });
      symlinkSync(join(ROOT, 'node_modules', dep), join(dir, 'node_modules', dep), 'dir');
    }
    writeFileSync(
      join(dir, 'main.js'),
      `const c = require('grpc-census');
const s = new c.Stats();
const m = c.Measure.int64('noprom/calls', 'Calls.', '1');
s.registerView(new c.View({ name: 'noprom/calls', measure: m, aggregation: c.Aggregation.count() }));
s.record(m.m(1));
console.log(JSON.stringify(s.retrieveData('noprom/calls')));
try { new c.PrometheusExporter({ stats: s }); console.log('constructed?!'); } catch (e) { console.log(e.constructor.name + ': ' + e.message); }
`,
    );
    const out = execFileSync(process.execPath, ['main.js'], { cwd: dir, encoding: 'utf8', env: { ...process.env, NODE_PATH: '' } });
    expect(out).toBe(
      '[{"tags":{},"data":{"type":"count","value":1}}]\n' +
        'Error: PrometheusExporter needs the prom-client package, an optional peer dependency of grpc-census: run `npm install prom-client@^15`.\n',
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
