'use strict';
// Section 3: scrape rendering (issue 4), our PrometheusExporter vs prom-client
// rendering the same 1000 histogram series, alternated in each process.
const path = require('node:path');
const { runChildren } = require('../lib/children');
const { loadCensus } = require('../lib/census');
const { median, range, fmt, fmtRatio } = require('../lib/stats');
const { table, verdict } = require('../lib/report');

const TARGET_RATIO = 0.5;

async function scrapeSection({ procs, quick }) {
  if (typeof loadCensus().PrometheusExporter !== 'function') {
    return { title: '3. Scrape rendering', parts: ['Skipped: this build has no `PrometheusExporter` (src/exporters not built).'] };
  }
  const [rounds, perRound] = quick ? [5, 3] : [11, 5];
  const results = await runChildren(path.join(__dirname, 'worker.js'), { n: procs, args: [String(rounds), String(perRound)], label: 'scrape' });
  const per = (n) => results.map((r) => r.msPerScrape[n]);
  const ratios = results.map((r) => r.msPerScrape.ours / r.msPerScrape.prom);
  const ratio = median(ratios);
  const row = (label, n, target) => {
    const [lo, hi] = range(per(n));
    return [label, fmt(median(per(n))), `${fmt(lo)}–${fmt(hi)}`, `${fmt(results[0].sizes[n].bytes / 1024)} KiB`, target];
  };
  const rows = [
    row('prom-client 15 `registry.metrics()` of its own Histogram', 'prom', ''),
    row('ours: `PrometheusExporter.metrics()`', 'ours', `ours/prom ${fmtRatio(ratio)} (≤ ${TARGET_RATIO}×): ${verdict(ratio <= TARGET_RATIO)}`),
  ];
  const how = `1000 series (2 labels) × 40 bounds, 20 observations per series, identical in both (each process checks that the two texts are equal up to label order). ${procs} processes × ${rounds} alternated rounds of ${perRound} scrapes each; ratio = median of per-process ratios.`;
  return { title: '3. Scrape rendering', parts: [how, table(['renderer', 'median ms per scrape', 'range of process medians', 'text size', 'target'], rows)], raw: results };
}

module.exports = { scrapeSection };
