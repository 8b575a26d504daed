// Percentiles, row limits and diagnostics: what a production view needs.
// Run: npm run build && node examples/core/percentiles-and-limits.js
'use strict';
const { Aggregation, Measure, Stats, TagMap, View } = require('grpc-census');

const warnings = [];
const stats = new Stats({ warn: (message) => warnings.push(message) });
const latency = Measure.float64('example.com/percentile_latency', 'Request latency', 'ms');

// Buckets answer "how many under X"; percentiles (HDR, 3 significant digits) answer "what is p99".
const latencyView = new View({
  name: 'example.com/percentile_latency',
  measure: latency,
  aggregation: Aggregation.distribution([1, 10, 100], { percentiles: true }),
  tagKeys: ['user'],
  maxRows: 3, // high-cardinality tag: keep at most 3 rows, the rest go to the overflow row
});
stats.registerView(latencyView);

for (let i = 1; i <= 1000; i++) stats.record(latency.m(i / 10), TagMap.from({ user: `user-${i % 5}` }));
stats.record(latency.m(NaN), TagMap.from({ user: 'user-0' })); // dropped and counted, never thrown

for (const row of stats.retrieveData(latencyView)) {
  const d = row.data;
  console.log(`${JSON.stringify(row.tags)} count=${d.count} p50=${d.percentiles['50']} p99=${d.percentiles['99']} max=${d.max}`);
}
console.log(`diagnostics ${JSON.stringify(stats.diagnostics.snapshot())}`);
console.log(`warnings ${warnings.length}: ${warnings[0].split(';')[0]}`);
