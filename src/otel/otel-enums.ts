// The numeric values of the OpenTelemetry enums a MetricProducer must fill in.
// They are plain numbers on purpose: importing the enums would load
// @opentelemetry/sdk-metrics and @opentelemetry/api at runtime for three
// constants, and these values are part of the stable data model (the same in
// sdk-metrics 2.x and 3.x, and in OTLP itself), so they cannot drift.

/** `DataPointType` of @opentelemetry/sdk-metrics. */
export const DATA_POINT_TYPE = { HISTOGRAM: 0, GAUGE: 2, SUM: 3 } as const;

/** `AggregationTemporality.CUMULATIVE` of @opentelemetry/sdk-metrics (DELTA is 0). */
export const CUMULATIVE = 1;

/** `ValueType` of @opentelemetry/api. */
export const VALUE_TYPE = { INT: 0, DOUBLE: 1 } as const;
