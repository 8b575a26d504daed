import { Aggregation } from '../../views';

// Bucket bounds exactly as opencensus-go's plugin/ocgrpc/stats_common.go. The
// spec lists each set with a leading 0; opencensus-go dropped it (#1037) and
// view registration drops 0 bounds anyway, so there is none here.

/** Distribution of byte sizes: 1 KiB … 4 GiB. */
export const DefaultBytesDistribution: Aggregation = Aggregation.distribution([
  1024, 2048, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216, 67108864, 268435456, 1073741824, 4294967296,
]);

/** Distribution of latencies in milliseconds: 0.01 ms … 100 s. */
export const DefaultMillisecondsDistribution: Aggregation = Aggregation.distribution([
  0.01, 0.05, 0.1, 0.3, 0.6, 0.8, 1, 2, 3, 4, 5, 6, 8, 10, 13, 16, 20, 25, 30, 40, 50, 65, 80, 100, 130, 160, 200, 250, 300,
  400, 500, 650, 800, 1000, 2000, 5000, 10000, 20000, 50000, 100000,
]);

/** Distribution of message counts: powers of two, 1 … 65536. */
export const DefaultMessageCountDistribution: Aggregation = Aggregation.distribution([
  1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384, 32768, 65536,
]);
