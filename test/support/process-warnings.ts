// Jest setup (setupFilesAfterEnv): a process warning emitted during a test
// (e.g. grpc-census's one-time `GRPC_CENSUS` warnings) fails that test unless
// the test takes it with `takeProcessWarnings()` and asserts it. Nothing leaks
// into the test output.

/** A warning as `process.emitWarning` received it. */
export interface CapturedWarning {
  message: string;
  code?: string;
  type: string;
}

// On globalThis, so that a test using jest.resetModules() still shares it.
const KEY = Symbol.for('grpc-census.test.processWarnings');
const store = globalThis as unknown as Record<symbol, CapturedWarning[] | undefined>;

/** The warnings emitted since the last call (or the start of the test), oldest first; clears them. */
export function takeProcessWarnings(): CapturedWarning[] {
  const taken = store[KEY] ?? [];
  store[KEY] = [];
  return taken;
}

function capture(warning: string | Error, ...rest: unknown[]): void {
  const [options, code] = rest;
  const opts = typeof options === 'object' && options !== null ? (options as { type?: string; code?: string }) : { type: options as string | undefined, code: code as string | undefined };
  const message = typeof warning === 'string' ? warning : warning.message;
  const type = opts.type ?? (typeof warning === 'string' ? 'Warning' : warning.name);
  (store[KEY] ??= []).push({ message, type, ...(opts.code === undefined ? {} : { code: opts.code }) });
}

if (expect !== undefined && typeof afterEach === 'function') {
  store[KEY] ??= [];
  process.emitWarning = capture as typeof process.emitWarning;
  const check = (when: string) => {
    const left = takeProcessWarnings();
    if (left.length > 0) {
      throw new Error(
        `unexpected process warning(s) ${when}:\n${left.map((w) => `  [${w.code ?? w.type}] ${w.message}`).join('\n')}\n` +
          'A test that expects a warning takes it with takeProcessWarnings() (test/support/process-warnings) and asserts it; ' +
          'or pass `warn` to the Stats it creates.',
      );
    }
  };
  afterEach(() => check('during this test'));
  afterAll(() => check('after the last test of this file'));
}
