/**
 * A sample value as the text formats write it: finite numbers as JavaScript
 * prints them (as prom-client does), `+Inf`, `-Inf`, `NaN`.
 */
export function formatValue(v: number): string {
  if (v - v === 0) return String(v);
  return v !== v ? 'NaN' : v > 0 ? '+Inf' : '-Inf';
}

/** A bucket bound divided into base units, without float noise (`0.3 / 1000` prints `0.0003`). */
export function scaledBound(bound: number, divisor: number): string {
  return divisor === 1 ? formatValue(bound) : formatValue(Number((bound / divisor).toPrecision(15)));
}

/** The `quantile` label of a reported percentile (`'99.9'` → `'0.999'`). */
export function quantileLabel(percentile: string): string {
  return String(Number((Number(percentile) / 100).toPrecision(15)));
}
