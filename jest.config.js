const { availableParallelism } = require('node:os');

/** @type {import('jest').Config} */
module.exports = {
  // Many suites wait on child processes, sockets, a browser or a real Prometheus
  // (whose first scrape comes ~5 s after it starts): at least four workers,
  // so the waits overlap. On 2 cores, alternated runs: 50–58 s with four,
  // 60–62 s with two.
  maxWorkers: Math.max(4, availableParallelism()),
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
