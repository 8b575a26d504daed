// grpc-census/otel: the OpenTelemetry SDK bridge. The package root never
// imports this folder, so users without OpenTelemetry load none of it.
export { CensusMetricProducer } from './producer';
export type { CensusMetricProducerOptions } from './producer';
