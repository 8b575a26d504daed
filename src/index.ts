// The public API of grpc-census: named re-exports only (see docs/design.md).
export { Measure } from './measures';
export type { Measurement, MeasureType } from './measures';
export {
  TagKey,
  TagMap,
  withTags,
  currentTags,
  encodeTags,
  decodeTags,
  TAG_CONTEXT_MAX_BYTES,
  TagsDecodeError,
  TagsEncodeError,
} from './tags';
export {
  Aggregation,
  View,
  Stats,
  stats,
  Diagnostics,
  DEFAULT_MAX_ROWS_PER_VIEW,
  DEFAULT_REPORTING_PERIOD_MS,
  OVERFLOW_TAGS,
  REPORTED_PERCENTILES,
} from './views';
export type {
  AggregationType,
  DistributionOptions,
  ViewDefinition,
  StatsOptions,
  ViewListener,
  AggregationData,
  CountData,
  SumData,
  LastValueData,
  DistributionData,
  Row,
  ViewData,
  StatsExporter,
} from './views';
