'use strict';
// Bare against instrumented in one process: alternated slices (A B B A …),
// each variant's median per figure, and the median of the paired differences
// (the plugin's cost). Used by the no-network gRPC benchmarks.
const { median } = require('./stats');

const FIGURES = ['cpuUs', 'allocBytes'];

/**
 * Runs `slice('bare')` and `slice('census')` (each resolving to `{ cpuUs,
 * allocBytes }` per operation) `warm + rounds` times in alternating order;
 * returns the medians of the last `rounds`: `{ bare, census, plugin }`.
 */
async function pairedSlices(slice, { rounds, warm }) {
  const samples = { bare: [], census: [], plugin: [] };
  for (let r = 0; r < warm + rounds; r++) {
    const got = {};
    for (const v of r % 2 ? ['census', 'bare'] : ['bare', 'census']) got[v] = await slice(v);
    if (r < warm) continue;
    samples.bare.push(got.bare);
    samples.census.push(got.census);
    samples.plugin.push(Object.fromEntries(FIGURES.map((k) => [k, got.census[k] - got.bare[k]])));
  }
  const medians = (list) => Object.fromEntries(FIGURES.map((k) => [k, median(list.map((s) => s[k]))]));
  return { bare: medians(samples.bare), census: medians(samples.census), plugin: medians(samples.plugin) };
}

/** The markdown table of `pairedSlices`' result for one side ('client' | 'server'). */
function pairedTable(side, m) {
  return [
    '| figure | bare | instrumented | plugin (paired difference) |',
    '| --- | --- | --- | --- |',
    `| ${side} CPU (µs) | ${m.bare.cpuUs.toFixed(2)} | ${m.census.cpuUs.toFixed(2)} | ${m.plugin.cpuUs.toFixed(2)} |`,
    `| ${side} heap allocation (bytes) | ${m.bare.allocBytes.toFixed(0)} | ${m.census.allocBytes.toFixed(0)} | ${m.plugin.allocBytes.toFixed(0)} |`,
  ].join('\n');
}

module.exports = { pairedSlices, pairedTable };
