'use strict';
// The one workload every record-path variant runs: 2 tag keys with 4 values
// each (16 combinations), a 40-bound distribution, and log-uniform values.
// Everything is precomputed from a fixed seed, so each process and each
// variant sees the same sequence and the timed loops only index arrays.

/** opencensus-go's millisecond bounds (`stats_common.go`, REFERENCE.md part 2 §1): 40 bounds, 41 buckets. */
const MS_BOUNDS = [
  0.01, 0.05, 0.1, 0.3, 0.6, 0.8, 1, 2, 3, 4, 5, 6, 8, 10, 13, 16, 20, 25, 30, 40, 50, 65, 80, 100, 130, 160, 200, 250,
  300, 400, 500, 650, 800, 1000, 2000, 5000, 10000, 20000, 50000, 100000,
];

const KEYS = ['method', 'status'];
const METHODS = ['bench.Echo/Unary', 'bench.Echo/Stream', 'bench.Store/Get', 'bench.Store/Put'];
const STATUSES = ['OK', 'CANCELLED', 'NOT_FOUND', 'UNAVAILABLE'];

/** Length of the precomputed sequences; a power of two so `j & MASK` indexes them. */
const SIZE = 4096;
const MASK = SIZE - 1;

/** mulberry32: a tiny seeded PRNG, so the workload is identical in every process. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function build() {
  const rand = prng(42);
  // Log-uniform over [0.005, 200000] ms: a little below the first bound and above the last.
  const lo = Math.log(0.005);
  const hi = Math.log(200000);
  const values = new Float64Array(SIZE);
  const combos = new Uint8Array(SIZE);
  for (let i = 0; i < SIZE; i++) {
    values[i] = Math.exp(lo + (hi - lo) * rand());
    combos[i] = Math.floor(rand() * 16);
  }
  /** Tag values of combination c: method METHODS[c >> 2], status STATUSES[c & 3]. */
  const comboTags = Array.from({ length: 16 }, (_, c) => ({ method: METHODS[c >> 2], status: STATUSES[c & 3] }));
  return { values, combos, comboTags };
}

module.exports = { MS_BOUNDS, KEYS, METHODS, STATUSES, SIZE, MASK, build };
