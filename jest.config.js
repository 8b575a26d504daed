const { availableParallelism } = require('node:os');

/** @type {import('jest').Config} */
module.exports = {
  // Most suites wait on child processes, sockets and timers: two workers even on two cores.
  maxWorkers: Math.max(2, availableParallelism() - 1),
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
