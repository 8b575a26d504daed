import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { requireBuiltDist, ROOT, runNode } from './support/run-node';

// Every JavaScript program in README.md runs as shown, from the repository root
// as the README says (plain node, grpc-census from dist/ through the package's
// own name), exits by itself, and prints exactly the ```text block after it.
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
const programs = [...readme.matchAll(/```js\n([\s\S]*?)```(?:\s*\n[^`\n]*\n+```text\n([\s\S]*?)```)?/g)].map((m, i) => ({
  name: `${i + 1}: ${m[1].split('\n').find((l) => l.startsWith('// ') || l.includes('require('))}`,
  code: m[1],
  prints: m[2],
}));

beforeAll(() => requireBuiltDist());

test('the README has programs, each with the output it prints', () => {
  expect(programs.length).toBeGreaterThanOrEqual(2);
  for (const p of programs) expect({ name: p.name, hasOutput: p.prints !== undefined }).toEqual({ name: p.name, hasOutput: true });
});

test.each(programs)('README program $name', async ({ code, prints }) => {
  const run = await runNode('-e', { nodeFlags: [], args: [code] });
  expect(run).toEqual({ code: 0, signal: null, stderr: '', stdout: prints });
});
