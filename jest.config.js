const { availableParallelism } = require('node:os');

/** @type {import('jest').Config} */
module.exports = {
  // Many suites wait on child processes, sockets, a browser or a real Prometheus
  // (whose first scrape comes ~5 s after it starts): at least three workers,
  // so the waits overlap. On 2 cores: 53–57 s with three, 57–62 s with two.
  // Four were a little faster again, but then a worker often missed jest's
  // 500 ms exit window at the end (no open handle was left: the machine was
  // too busy to run it), which jest reports as a worker that "failed to exit
  // gracefully"; with three that is rare.
  maxWorkers: Math.max(3, availableParallelism()),
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    // Type-checking is `npm run typecheck`; jest only transpiles (tsconfig.json's isolatedModules).
    '^.+\\.ts$': ['ts-jest', { diagnostics: false }],
  },
  // A process warning a test does not take and assert fails it (see the file).
  setupFilesAfterEnv: ['<rootDir>/test/support/process-warnings.ts'],
  testTimeout: 30000,
  reporters: ['default', '<rootDir>/test/support/summary-reporter.js'],
};
