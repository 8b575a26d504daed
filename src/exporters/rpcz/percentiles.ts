/**
 * The `q`-quantile (0 < q ≤ 1) of a histogram, interpolated linearly inside
 * the bucket where the rank falls, as Prometheus' `histogram_quantile` does.
 *
 * Buckets follow the views' convention: bucket i holds [bounds[i-1], bounds[i]),
 * bucket 0 starts at 0 (latencies are not negative), and the last bucket
 * (≥ the last bound) has no upper end, so a rank that falls there answers
 * the last bound: the true value is at least that. Undefined without counts.
 *
 * The answer is an estimate: exact only when values spread evenly inside
 * their bucket. Its error is at most the width of that bucket.
 */
export function quantileFromBuckets(bounds: readonly number[], counts: readonly number[], q: number): number | undefined {
  let total = 0;
  for (const c of counts) total += c;
  if (total <= 0) return undefined;
  const rank = q * total;
  let below = 0;
  for (let i = 0; i < counts.length; i++) {
    const inBucket = counts[i];
    if (inBucket > 0 && below + inBucket >= rank) {
      if (i >= bounds.length) return bounds[bounds.length - 1] ?? 0;
      const upper = bounds[i];
      const lower = i === 0 ? Math.min(0, upper) : bounds[i - 1];
      return lower + ((upper - lower) * (rank - below)) / inBucket;
    }
    below += inBucket;
  }
  return bounds[bounds.length - 1] ?? 0;
}
