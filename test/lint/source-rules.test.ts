import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

// STYLE.md rules that a compiler does not check, enforced over src/.
const SRC = join(__dirname, '..', '..', 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

const files = sourceFiles(SRC).map((path) => ({ path: relative(SRC, path), text: readFileSync(path, 'utf8') }));

describe('source rules', () => {
  it('finds the sources', () => {
    expect(files.map((f) => f.path)).toContain('index.ts');
  });

  it.each(files.map((f) => [f.path, f.text] as const))('%s has no `export *` (named exports only)', (_path, text) => {
    expect(text).not.toMatch(/^\s*export\s+\*/m);
  });

  it.each(files.map((f) => [f.path, f.text] as const))('%s stays under 300 lines', (_path, text) => {
    expect(text.split('\n').length).toBeLessThanOrEqual(300);
  });

  it('keeps the engine free of grpc/ and exporters/ imports', () => {
    const engine = files.filter((f) => /^(measures|tags|views|internal)\//.test(f.path));
    expect(engine.length).toBeGreaterThan(5);
    for (const f of engine) expect({ path: f.path, bad: /from '\.\.\/(grpc|exporters)/.test(f.text) }).toEqual({ path: f.path, bad: false });
  });

  it('keeps measures/ free of views/ imports (a hook instead)', () => {
    for (const f of files.filter((x) => x.path.startsWith('measures/'))) expect(f.text).not.toMatch(/from '\.\.\/views/);
  });
});
