'use strict';
// In-process alternation of micro-benchmark variants: every round runs a
// short slice of each variant, in a rotated order, so a noisy neighbour slows
// all variants alike instead of whichever happened to run at that moment.
const { median } = require('./stats');

/**
 * `variants`: `[{ name, run(n) }]`, where `run(n)` performs `n` operations
 * (each variant should have its own loop function so V8 optimises it alone).
 * Each variant is warmed up for `warmupMs`, its slice size is calibrated to
 * about `sliceMs`, then `rounds` rounds are timed. Returns, per variant name,
 * the median ns/op over the rounds and the raw samples.
 */
function alternate(variants, { rounds, sliceMs, warmupMs }) {
  const batch = new Map();
  for (const v of variants) batch.set(v.name, calibrate(v, sliceMs, warmupMs));
  const samples = new Map(variants.map((v) => [v.name, []]));
  for (let r = 0; r < rounds; r++) {
    for (let k = 0; k < variants.length; k++) {
      const v = variants[(k + r) % variants.length];
      const n = batch.get(v.name);
      const t0 = process.hrtime.bigint();
      v.run(n);
      const ns = Number(process.hrtime.bigint() - t0);
      samples.get(v.name).push(ns / n);
    }
  }
  const out = {};
  for (const [name, s] of samples) out[name] = { nsPerOp: median(s), samples: s, batch: batch.get(name) };
  return out;
}

/** Warms `v` up and returns how many operations take about `sliceMs` once optimised. */
function calibrate(v, sliceMs, warmupMs) {
  let n = 100;
  let last = 0;
  const start = process.hrtime.bigint();
  while (Number(process.hrtime.bigint() - start) < warmupMs * 1e6) {
    const t0 = process.hrtime.bigint();
    v.run(n);
    last = Number(process.hrtime.bigint() - t0) / n;
    if (n < 1e6 && last * n < sliceMs * 1e6) n *= 2;
  }
  return Math.max(100, Math.round((sliceMs * 1e6) / last));
}

module.exports = { alternate };
