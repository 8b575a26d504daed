import type { ResourceMetrics } from '@opentelemetry/sdk-metrics';

/** @opentelemetry/resources' `Resource`, named through sdk-metrics (our peer dependency) rather than imported. */
type Resource = ResourceMetrics['resource'];

/**
 * The resource of a producer's result. A `MetricReader` keeps its own
 * `MeterProvider`'s resource and drops the ones producers return (sdk-metrics
 * 2.x and 3.x alike), so an empty one is all a producer needs; building it
 * here spares a runtime dependency on @opentelemetry/resources.
 */
export const EMPTY_RESOURCE: Resource = Object.freeze({
  attributes: Object.freeze({}),
  merge(other: Resource | null): Resource {
    return other ?? EMPTY_RESOURCE;
  },
  getRawAttributes() {
    return [];
  },
});
