'use strict';
// Builds dist/ from src/: a clean tsc run (tsconfig.build.json), then one pass
// over the emitted declaration files so that the published types compile for
// every TypeScript consumer, with or without the optional peers:
//
// - An import of an optional peer (package.json peerDependenciesMeta, e.g.
//   @grpc/grpc-js, prom-client) gets a
//   `// @ts-ignore` on the line before its module specifier. With the peer
//   installed the types are the peer's own; without it the import is `any` and
//   no TS2307 is reported, even without skipLibCheck. tsc drops comments from
//   declaration output, so this cannot be written in the sources.
// - A declaration file that names a Node.js global or built-in module (Buffer,
//   NodeJS.*, node:http …) gets `/// <reference types="node" />`, so it also
//   compiles under `types: []` (TypeScript 7's default).
//
// Both rewrites are derived from the syntax tree of each .d.ts, so files added
// later are covered without a list to maintain.
const { execFileSync } = require('node:child_process');
const { createHash } = require('node:crypto');
const { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } = require('node:fs');
const { builtinModules } = require('node:module');
const { dirname, join, relative } = require('node:path');
const ts = require('typescript');

const ROOT = join(__dirname, '..');
const DIST = join(ROOT, 'dist');
const { peerDependenciesMeta = {} } = require('../package.json');
const OPTIONAL_PEERS = Object.keys(peerDependenciesMeta).filter((name) => peerDependenciesMeta[name].optional);
const NODE_GLOBALS = new Set(['Buffer', 'BufferEncoding', 'NodeJS']);
const NODE_REFERENCE = '/// <reference types="node" />';

/** Every file below `dir`, recursively. */
function filesUnder(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

function isOptionalPeer(specifier) {
  return OPTIONAL_PEERS.some((name) => specifier === name || specifier.startsWith(`${name}/`));
}

function isNodeBuiltin(specifier) {
  return specifier.startsWith('node:') || builtinModules.includes(specifier);
}

/** The module specifiers of a declaration file (imports, re-exports, `import("…")` types) and whether it names a Node.js global. */
function scan(source) {
  const specifiers = [];
  let usesNodeGlobals = false;
  const visit = (node) => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      specifiers.push(node.moduleSpecifier);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      specifiers.push(node.argument.literal);
    } else if (ts.isIdentifier(node) && NODE_GLOBALS.has(node.text)) {
      usesNodeGlobals = true;
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return { specifiers, usesNodeGlobals };
}

function rewrite(path) {
  const text = readFileSync(path, 'utf8');
  const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
  const { specifiers, usesNodeGlobals } = scan(source);
  const lines = text.split('\n');
  const ignoreBefore = new Set(
    specifiers.filter((s) => isOptionalPeer(s.text)).map((s) => source.getLineAndCharacterOfPosition(s.getStart(source)).line),
  );
  const out = [];
  if ((usesNodeGlobals || specifiers.some((s) => isNodeBuiltin(s.text))) && !text.includes(NODE_REFERENCE)) out.push(NODE_REFERENCE);
  lines.forEach((line, i) => {
    if (ignoreBefore.has(i)) out.push(`${/^\s*/.exec(line)[0]}// @ts-ignore -- optional peer dependency: \`any\` when it is not installed`);
    out.push(line);
  });
  const next = out.join('\n');
  if (next !== text) writeFileSync(path, next);
}

/**
 * What dist/ is built from: every file under src/ (path, size, mtime), the
 * tsconfig files, package.json and its lock, this script and the TypeScript
 * version.
 */
function fingerprint() {
  const inputs = [...filesUnder(join(ROOT, 'src')), ...['tsconfig.json', 'tsconfig.build.json', 'package.json', 'package-lock.json', 'scripts/build.js'].map((f) => join(ROOT, f))];
  const hash = createHash('sha256').update(ts.version);
  for (const path of inputs.sort()) {
    const { size, mtimeMs } = statSync(path);
    hash.update(`${relative(ROOT, path)}\0${size}\0${mtimeMs}\n`);
  }
  return hash.digest('hex');
}

// `--if-changed` (npm test): nothing to do when dist/ was built from these
// very inputs. (The note of them stays out of dist/, which is published.)
const STAMP = join(ROOT, 'node_modules', '.cache', 'grpc-census', 'build-inputs');
const inputs = fingerprint();
if (process.argv.includes('--if-changed') && existsSync(join(DIST, 'index.js')) && existsSync(STAMP) && readFileSync(STAMP, 'utf8') === inputs) {
  console.log('build: dist/ is up to date with src/');
  process.exit(0);
}

rmSync(DIST, { recursive: true, force: true });
try {
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', join(ROOT, 'tsconfig.build.json')], { stdio: 'inherit' });
} catch {
  process.exit(1); // tsc has printed its errors
}
for (const path of filesUnder(DIST).filter((p) => p.endsWith('.d.ts'))) rewrite(path);
mkdirSync(dirname(STAMP), { recursive: true });
writeFileSync(STAMP, inputs);
