// The core API in one file: define a measure and a view, record in a tag
// scope, read the aggregated rows. Run: npm run build && node examples/core/basics.js
'use strict';
const { Aggregation, Measure, TagMap, View, currentTags, stats, withTags } = require('grpc-census');

// A measure names what is recorded; it holds no data.
const latency = Measure.float64('example.com/request_latency', 'Time to handle a request', 'ms');
const requests = Measure.int64('example.com/requests', 'Requests handled', '1');

// Views aggregate a measure, one row per combination of their tag keys' values.
const latencyView = new View({
  name: 'example.com/request_latency',
  measure: latency,
  aggregation: Aggregation.distribution([10, 100, 1000]),
  tagKeys: ['route', 'status'],
});
const requestCount = new View({
  name: 'example.com/requests',
  measure: requests,
  aggregation: Aggregation.count(),
  tagKeys: ['route'],
});
stats.registerView(latencyView, requestCount);

async function handle(route, ms, status) {
  // Inside this scope, across awaits and timers, the current tags are { route }.
  await withTags(TagMap.from({ route }), async () => {
    await new Promise((resolve) => setTimeout(resolve, 1));
    stats.record(requests.m(1)); // tags default to currentTags()
    stats.record(latency.m(ms), currentTags().with('status', status)); // or are given explicitly
  });
}

async function main() {
  await handle('/home', 4.5, 'OK');
  await handle('/home', 100, 'OK'); // on a bound: counted in the higher bucket
  await handle('/cart', 1500, 'ERROR');

  for (const view of [latencyView, requestCount]) {
    console.log(view.name);
    for (const row of stats.retrieveData(view)) {
      const d = row.data;
      const summary =
        d.type === 'distribution'
          ? { count: d.count, mean: d.mean, min: d.min, max: d.max, bucketCounts: d.bucketCounts }
          : d;
      console.log(`  ${JSON.stringify(row.tags)} ${JSON.stringify(summary)}`);
    }
  }
}

main();
