import type { ScopeMetrics } from '@opentelemetry/sdk-metrics';

// dist/otel/scope.js and src/otel/scope.ts both sit two levels under the
// package root, so this finds our own package.json in either.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { version } = require('../../package.json') as { version: string };

/** The instrumentation scope every metric of `CensusMetricProducer` is reported under. */
export const INSTRUMENTATION_SCOPE: ScopeMetrics['scope'] = Object.freeze({ name: 'grpc-census', version });
