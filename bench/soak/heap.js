'use strict';
// Heap samples after a forced full GC (children run with --expose-gc), and
// the least-squares slope of heap used against RPCs done.

/** `heapUsed` after two full GCs (the second collects what the first's finalizers released). */
function heapAfterGc() {
  if (typeof global.gc !== 'function') throw new Error('run with --expose-gc');
  global.gc();
  global.gc();
  return process.memoryUsage().heapUsed;
}

/** Slope in bytes per RPC of `points` = [{ rpcs, heapUsed }] (0 with fewer than 2 points). */
function slope(points) {
  const n = points.length;
  if (n < 2) return 0;
  const mx = points.reduce((s, p) => s + p.rpcs, 0) / n;
  const my = points.reduce((s, p) => s + p.heapUsed, 0) / n;
  let num = 0;
  let den = 0;
  for (const p of points) {
    num += (p.rpcs - mx) * (p.heapUsed - my);
    den += (p.rpcs - mx) ** 2;
  }
  return den === 0 ? 0 : num / den;
}

/** Median of the first and of the last `k` heap samples: growth that one noisy sample cannot fake. */
function growth(points, k = 3) {
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const first = median(points.slice(0, k).map((p) => p.heapUsed));
  const last = median(points.slice(-k).map((p) => p.heapUsed));
  return { first, last, delta: last - first };
}

module.exports = { heapAfterGc, slope, growth };
