import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

// The gRPC plugin and the exporters use the engine (tags/, measures/, views/)
// through its public indexes only, as a user does: the engine's files can move
// without touching them.
const SRC = join(__dirname, '..', '..', 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

const consumers = ['grpc', 'exporters', 'otel'].flatMap((dir) => {
  try {
    return sourceFiles(join(SRC, dir));
  } catch {
    return []; // a folder not on this branch yet
  }
});

describe('engine imports', () => {
  it('finds the gRPC plugin and exporter sources', () => {
    expect(consumers.length).toBeGreaterThan(10);
  });

  it.each(consumers.map((path) => [relative(SRC, path), path]))('%s imports tags/, measures/, views/ through their index', (_name, path) => {
    const deep = [...readFileSync(path, 'utf8').matchAll(/from '((?:\.\.\/)+(?:tags|measures|views)\/[^']+)'/g)].map((m) => m[1]);
    expect(deep).toEqual([]);
  });
});
