import { join } from 'node:path';
import { requireBuiltDist, runNode } from '../support/run-node';

// recordValue with a reused TagMap and an existing row must allocate nothing.
// Measured in a fresh process (fixtures/record-allocation.js): inside a jest
// worker, the test files that ran before could leave V8 optimising the path
// differently, and the figure then depended on the order of the suite.
// `--no-concurrent-recompilation` makes V8 optimise on the main thread, so a
// background compile landing late on a loaded machine cannot leave every
// round in unoptimised code.

const CLEAN = 2; // bytes per call; one 16-byte object per call is 8× more

let result: { clean: number; control: number };

beforeAll(async () => {
  requireBuiltDist();
  const run = await runNode(join(__dirname, 'fixtures', 'record-allocation.js'), { nodeFlags: ['--expose-gc', '--no-concurrent-recompilation'], timeoutMs: 60_000 });
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  result = JSON.parse(run.stdout) as typeof result;
}, 70_000);

describe('recordValue allocation', () => {
  it('allocates 0 bytes per call with a reused TagMap (tolerance far below one 16-byte object)', () => {
    expect(result.clean).toBeLessThan(CLEAN);
  });

  it('the measurement sees a real allocation of one small object per call', () => {
    expect(result.control).toBeGreaterThanOrEqual(16);
  });
});
