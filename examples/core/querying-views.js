// Reading aggregated data programmatically, beyond retrieveData: when a
// view's data starts, visiting rows without copying them, the exact
// per-bound counts behind Prometheus' inclusive `le`, watching views come
// and go, and unregistering a view (which drops its data).
// Run: npm run build && node examples/core/querying-views.js
'use strict';
const { Aggregation, Measure, Stats, TagMap, View } = require('grpc-census');

// A Stats of its own with a fixed clock, so the output is the same on every run.
const stats = new Stats({ now: () => Date.UTC(2026, 0, 1) });
const size = Measure.int64('example.com/response_size', 'Response size', 'By');
const sizes = new View({
  name: 'example.com/response_size',
  measure: size,
  aggregation: Aggregation.distribution([100, 1000]),
  tagKeys: ['route'],
});

// A listener hears about the views registered before it (at once) and after.
const unsubscribe = stats.subscribeViews({
  viewRegistered: (view) => console.log(`registered ${view.name}`),
  viewUnregistered: (view) => console.log(`unregistered ${view.name}`),
});
stats.registerView(sizes);
console.log(`cumulative since ${stats.viewStart(sizes).toISOString()}`);

for (const [route, bytes] of [['/a', 100], ['/a', 100], ['/a', 640], ['/b', 1000], ['/b', 5000]]) {
  stats.record(size.m(bytes), TagMap.from({ route }));
}

// forEachRow visits rows in place: no Row[] is built (exporters of many rows use it).
stats.forEachRow(sizes, (tags, data) => {
  // bucketCounts: values in (-inf, 100), [100, 1000), [1000, +inf).
  // boundCounts[i]: values exactly equal to bound i, so "≤ bound" is exact.
  const atMost = data.bucketBounds.map((bound, i) => {
    const below = data.bucketCounts.slice(0, i + 1).reduce((a, b) => a + b, 0);
    return `≤${bound}: ${below + data.boundCounts[i]}`;
  });
  console.log(`${tags.route} count=${data.count} buckets=${data.bucketCounts.join(',')} bounds hit=${data.boundCounts.join(',')} ${atMost.join(' ')}`);
});

stats.unregisterView(sizes);
unsubscribe();
console.log(`registered views: ${stats.registeredViews().length}`);
try {
  stats.retrieveData(sizes);
} catch (err) {
  console.log(`retrieveData after unregistering: ${err.message}`);
}
