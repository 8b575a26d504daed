'use strict';
// `npm test`: builds dist/ (the tests load it; skipped when dist/ was built
// from the same sources), then runs jest with the type
// check of every file (src, test, bench, examples) and the import-cycle check
// of src beside it. Jest spends much of its run waiting on child processes,
// sockets and a real Prometheus; the two checks use that time instead of
// running before it. Arguments go to jest (`npm test -- test/grpc`).
// Exits non-zero when any of the three fails; each check prints one line when
// it passes and its whole output when it fails, and the last line is jest's
// summary ("jest: N passed, N failed") or, on a failed check, what failed.
const { spawn } = require('node:child_process');
const { setPriority } = require('node:os');
const { join } = require('node:path');

const ROOT = join(__dirname, '..');
const bin = (pkg, file) => join(ROOT, 'node_modules', pkg, file);
const TYPECHECK_STATE = join(ROOT, 'node_modules', '.cache', 'grpc-census', 'typecheck.tsbuildinfo');

/** Runs `node file args…` in the project root; resolves with its exit code and, unless `inherit`, its output. */
function run(file, args, { inherit = false, background = false } = {}) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [file, ...args], { cwd: ROOT, stdio: inherit ? 'inherit' : ['ignore', 'pipe', 'pipe'] });
    if (background) {
      try {
        // Jest first: the checks take the CPU it leaves.
        setPriority(child.pid, 10);
      } catch {
        // Not allowed here: same priority.
      }
    }
    let output = '';
    child.stdout?.on('data', (c) => (output += c));
    child.stderr?.on('data', (c) => (output += c));
    child.on('error', (err) => resolve({ code: 1, output: `${output}${String(err)}\n` }));
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), output }));
  });
}

/** A background check: prints one line when it passes, everything it printed when it fails. */
async function check(name, file, args) {
  const { code, output } = await run(file, args, { background: true });
  if (code === 0) process.stdout.write(`${name}: passed\n`);
  else process.stdout.write(`\n${name}: FAILED (exit ${code})\n${output}\n`);
  return { name, ok: code === 0 };
}

async function main() {
  const build = await run(join(ROOT, 'scripts', 'build.js'), ['--if-changed'], { inherit: true });
  if (build.code !== 0) {
    process.stdout.write('npm test: the build failed\n');
    return 1;
  }
  const checks = Promise.all([
    // Incremental: a later run re-checks only what changed (its state lives in node_modules/.cache).
    check('typecheck (tsc --noEmit, src test bench examples)', bin('typescript', 'bin/tsc'), ['-p', 'tsconfig.json', '--noEmit', '--incremental', '--tsBuildInfoFile', TYPECHECK_STATE]),
    check('import cycles (madge --circular src)', bin('madge', 'bin/cli.js'), ['--circular', '--extensions', 'ts', 'src']),
  ]);
  const jest = await run(bin('jest', 'bin/jest.js'), process.argv.slice(2), { inherit: true });
  const failed = (await checks).filter((c) => !c.ok).map((c) => c.name);
  if (failed.length > 0) {
    process.stdout.write(`npm test: FAILED: ${failed.join('; ')}${jest.code === 0 ? '' : '; jest'}\n`);
    return 1;
  }
  return jest.code;
}

main().then((code) => process.exit(code));
