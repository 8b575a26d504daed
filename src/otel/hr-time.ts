import type { HrTime } from '@opentelemetry/api';

/** Milliseconds since the epoch (fractions allowed) as OpenTelemetry's `[seconds, nanoseconds]`, nanoseconds < 1e9. */
export function hrTimeOf(ms: number): HrTime {
  let seconds = Math.floor(ms / 1000);
  let nanos = Math.round((ms - seconds * 1000) * 1e6);
  if (nanos >= 1e9) {
    seconds += 1;
    nanos -= 1e9;
  }
  return [seconds, nanos];
}
