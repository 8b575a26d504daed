// The two bucket conventions side by side: OpenCensus' [lo, hi) (the
// default) and OpenTelemetry's / gRFC A66's (lo, hi] with a 0 bound
// (`upperInclusive: true`), and the one formula per convention that turns
// either into exact "≤ bound" counts (Prometheus `le`, OpenTelemetry explicit
// bounds). Also records with `recordValue`, which needs no Measurement.
// Run: npm run build && node examples/core/bucket-conventions.js
'use strict';
const { Aggregation, Measure, Stats, TagMap, View } = require('grpc-census');

const duration = Measure.float64('example.com/duration', 'Request duration', 's');
const bounds = [0, 0.005, 0.01, 0.1];
const openCensus = new View({ name: 'duration/opencensus', measure: duration, aggregation: Aggregation.distribution(bounds) });
const a66 = new View({
  name: 'duration/a66',
  measure: duration,
  aggregation: Aggregation.distribution(bounds, { upperInclusive: true }),
});

const stats = new Stats();
stats.registerView(openCensus, a66);
const tags = TagMap.from({ route: '/home' });
for (const seconds of [0, 0.005, 0.005, 0.007, 0.1, 0.25]) stats.recordValue(duration, seconds, tags);

/** count(v ≤ bucketBounds[i]) for every bound, from either convention's data. */
function lessOrEqual(d) {
  let below = 0;
  return d.bucketBounds.map((_bound, i) => {
    below += d.bucketCounts[i];
    return d.upperInclusive ? below : below + d.boundCounts[i];
  });
}

for (const view of [openCensus, a66]) {
  const d = stats.retrieveData(view)[0].data;
  console.log(`${view.name}: ${view.aggregation}`);
  console.log(`  bucketBounds ${JSON.stringify(d.bucketBounds)}`);
  console.log(`  bucketCounts ${JSON.stringify(d.bucketCounts)}  boundCounts ${JSON.stringify(d.boundCounts)}`);
  console.log(`  ≤ bound      ${JSON.stringify(lessOrEqual(d))}  (+Inf: ${d.count})`);
}
