import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** The project root: examples and fixtures run from here, loading grpc-census from dist/. */
export const ROOT = join(__dirname, '..', '..');

/** How a child process ended and what it printed. */
export interface NodeRun {
  code: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `script` with plain `node`, as a user would, and resolves when it
 * exits. A child that does not exit by itself within `timeoutMs` is killed
 * (signal SIGTERM), which is how tests catch a handle kept alive.
 */
export function runNode(script: string, options: { args?: string[]; nodeFlags?: string[]; timeoutMs?: number } = {}): Promise<NodeRun> {
  const { args = [], nodeFlags = [], timeoutMs = 20_000 } = options;
  return new Promise((resolve) => {
    execFile(process.execPath, [...nodeFlags, script, ...args], { cwd: ROOT, timeout: timeoutMs }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? null) : 0, signal: err?.signal ?? null, stdout, stderr });
    });
  });
}

/** Fails fast with a clear message when dist/ was not built (`npm test` builds it first). */
export function requireBuiltDist(): void {
  if (!existsSync(join(ROOT, 'dist', 'index.js'))) throw new Error('dist/ is missing: run `npm run build` before these tests');
}

/** Runs `examples/<segments…>` as a user runs it: plain `node`, the package resolved through its `exports` to dist/. */
export function runExample(...segments: string[]): Promise<NodeRun> {
  return runNode(join(ROOT, 'examples', ...segments));
}

/** A run that printed exactly `lines` and exited by itself with nothing on stderr (compare with `toEqual`, so a failure shows stderr). */
export function cleanRun(lines: string[]): NodeRun {
  return { code: 0, signal: null, stderr: '', stdout: [...lines, ''].join('\n') };
}
