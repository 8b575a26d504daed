import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { FC_SEED, fc } from '../support/fast-check';

// Every property test must be reproducible: fast-check comes from the shared
// setup (fixed seed by default, FC_SEED=<n> or FC_SEED=random to change it,
// seed printed on failure), and no test pins a seed of its own, which would
// silently ignore FC_SEED.
const TEST_ROOT = join(__dirname, '..');

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? testFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

describe('fast-check setup', () => {
  const files = testFiles(TEST_ROOT).filter((f) => relative(TEST_ROOT, f) !== join('support', 'fast-check.ts'));

  it('is the only place that imports fast-check', () => {
    const direct = files.filter((f) => /from ['"]fast-check['"]/.test(readFileSync(f, 'utf8'))).map((f) => relative(TEST_ROOT, f));
    expect(direct).toEqual([]);
  });

  it('is not overridden by a seed in a test', () => {
    const pinned = files.filter((f) => /\bseed:\s*\d/.test(readFileSync(f, 'utf8'))).map((f) => relative(TEST_ROOT, f));
    expect(pinned).toEqual([]);
  });

  it('prints the seed and how to replay it when a property fails', () => {
    expect(() => fc.assert(fc.property(fc.integer(), (n) => n !== n + 0))).toThrow(`Replay with FC_SEED=${FC_SEED}`);
  });
});
