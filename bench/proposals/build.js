'use strict';
// Builds this checkout, with patch files applied if any are given, in a
// temporary copy (the working tree is never touched), and prints the built
// dist/ directory, to measure a change against the tree as it is:
//   node bench/run.js --only record --compare-dist "$(node bench/proposals/build.js my-change.patch)"
// With no patch it snapshots the tree as it is now: build a baseline before
// editing, then compare the edited tree against it (e.g. --only grpc-vs).
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const root = path.join(__dirname, '..', '..');
const patches = process.argv.slice(2).map((p) => path.resolve(p));
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'grpc-census-build-'));
for (const f of ['src', 'test', 'package.json', 'tsconfig.json', 'tsconfig.build.json']) {
  fs.cpSync(path.join(root, f), path.join(dir, f), { recursive: true });
}
// The build resolves @grpc/grpc-js and the rest from this checkout's node_modules.
fs.symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'));
for (const patch of patches) execFileSync('git', ['apply', patch], { cwd: dir, stdio: 'inherit' });
try {
  execFileSync(process.execPath, [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'], { cwd: dir, stdio: ['ignore', 2, 2] });
} catch (err) {
  // tsc still emits on type errors; only a missing build is fatal.
  if (!fs.existsSync(path.join(dir, 'dist', 'index.js'))) throw err;
  console.error('warning: tsc reported errors (see above); dist/ was emitted anyway');
}
console.log(path.join(dir, 'dist'));
