export { Aggregation } from './aggregation';
export type { AggregationType, DistributionOptions } from './aggregation';
export { View } from './view';
export type { ViewDefinition } from './view';
export { Stats, stats, DEFAULT_MAX_ROWS_PER_VIEW } from './stats';
export type { StatsOptions } from './stats';
export { Diagnostics } from './diagnostics';
export { DEFAULT_REPORTING_PERIOD_MS, DEFAULT_EXPORT_TIMEOUT_MS } from './export-scheduler';
export { OVERFLOW_TAGS } from './collector';
export { REPORTED_PERCENTILES } from './cells/percentile-tracker';
export type { ViewListener } from './view-registry';
export type {
  AggregationData,
  CountData,
  SumData,
  LastValueData,
  DistributionData,
  Row,
  ViewData,
  StatsExporter,
} from './data';
