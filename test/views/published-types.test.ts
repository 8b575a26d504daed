import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, requireBuiltDist } from '../support/run-node';

// The engine's record-path caches and internal entry points are marked
// @internal, and the build strips them from the published declarations: a
// user's editor must not offer them, and nothing may come to depend on them.
const INTERNAL_NAMES = ['_recordValue', '_recordCache', '_viewCount', '_cacheOwner', '_cacheValue', '_rowKeys', '_cells', '_frame', '_searchBounds'];

function declarationFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? declarationFiles(join(dir, e.name)) : e.name.endsWith('.d.ts') ? [join(dir, e.name)] : [],
  );
}

describe('published declarations', () => {
  beforeAll(requireBuiltDist);

  it.each(INTERNAL_NAMES)('do not declare %s', (name) => {
    // Only declarations count: a doc comment may still mention the name.
    const declared = declarationFiles(join(ROOT, 'dist')).filter((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .some((line) => !/^\s*(\/\/|\*|\/\*)/.test(line) && line.includes(name)),
    );
    expect(declared).toEqual([]);
  });

  it('declare the Aggregation and Measure constructors private', () => {
    expect(readFileSync(join(ROOT, 'dist', 'views', 'aggregation.d.ts'), 'utf8')).toContain('private constructor();');
    expect(readFileSync(join(ROOT, 'dist', 'measures', 'measure.d.ts'), 'utf8')).toContain('private constructor();');
  });
});
