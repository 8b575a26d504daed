import { Aggregation } from '../../views';

// The bucket bounds of gRFC A66's default views, exactly, the 0 bound
// included. Both aggregations are upper-inclusive, as OpenTelemetry's
// explicit-bucket histograms are: bucket i counts values in
// (bounds[i-1], bounds[i]], so a 0-byte message counts in the bucket the 0
// bound closes and a 1024-byte one in the bucket 1024 closes.

/** Latency in seconds: 0, 10 µs … 100 s (41 bounds). */
export const A66LatencyDistribution: Aggregation = Aggregation.distribution(
  [
    0, 0.00001, 0.00005, 0.0001, 0.0003, 0.0006, 0.0008, 0.001, 0.002, 0.003, 0.004, 0.005, 0.006, 0.008, 0.01, 0.013, 0.016,
    0.02, 0.025, 0.03, 0.04, 0.05, 0.065, 0.08, 0.1, 0.13, 0.16, 0.2, 0.25, 0.3, 0.4, 0.5, 0.65, 0.8, 1, 2, 5, 10, 20, 50, 100,
  ],
  { upperInclusive: true },
);

/** Message sizes in bytes: 0, 1 KiB … 4 GiB (14 bounds). */
export const A66SizeDistribution: Aggregation = Aggregation.distribution(
  [0, 1024, 2048, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216, 67108864, 268435456, 1073741824, 4294967296],
  { upperInclusive: true },
);
