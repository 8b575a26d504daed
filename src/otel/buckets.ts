import type { DistributionData } from '../views';

/**
 * The bucket counts of `data` as OpenTelemetry's explicit-bucket histogram
 * states them: bucket i counts values in (b[i-1], b[i]] (upper-inclusive),
 * the last one values above the last bound.
 *
 * Data of an `upperInclusive` distribution is already in that form. OpenCensus
 * data is [b[i-1], b[i]) (a value equal to a bound went up a bucket), and
 * `boundCounts[i]` counts the values equal to b[i], so the conversion is exact:
 * moving the values equal to b[i] down into bucket i, and those equal to
 * b[i-1] out of it,
 *   inclusive[i] = bucketCounts[i] + boundCounts[i] − boundCounts[i-1]
 * with boundCounts[-1] = boundCounts[n] = 0 (n = number of bounds).
 * Always a new array: the caller may hand it to an exporter.
 */
export function upperInclusiveCounts(data: DistributionData): number[] {
  const counts = data.bucketCounts;
  const n = counts.length;
  const out = new Array<number>(n);
  if (data.upperInclusive) {
    for (let i = 0; i < n; i++) out[i] = counts[i];
    return out;
  }
  const onBound = data.boundCounts;
  let below = 0; // values equal to the bound under bucket i
  for (let i = 0; i < n; i++) {
    const atTop = i < onBound.length ? onBound[i] : 0;
    out[i] = counts[i] + atTop - below;
    below = atTop;
  }
  return out;
}
