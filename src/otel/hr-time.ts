import type { HrTime } from '@opentelemetry/api';

/** Milliseconds since the epoch as OpenTelemetry's `[seconds, nanoseconds]`. */
export function hrTimeOf(ms: number): HrTime {
  const seconds = Math.floor(ms / 1000);
  return [seconds, Math.round((ms - seconds * 1000) * 1e6)];
}
