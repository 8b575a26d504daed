// A custom StatsExporter: it receives every registered view's data on each
// reporting period and on stats.flush(). Run: npm run build && node examples/core/exporter.js
'use strict';
const { Aggregation, Measure, Stats, TagMap, View } = require('grpc-census');

/** Prints each view's rows; a real exporter would send them somewhere. */
class ConsoleExporter {
  export(viewData) {
    for (const { view, start, end, rows } of viewData) {
      const seconds = (end - start) / 1000;
      console.log(`${view.name} [${view.aggregation}] over ${seconds}s: ${rows.length} row(s)`);
      for (const { tags, data } of rows) {
        const value = data.type === 'distribution' ? `count=${data.count} sum=${data.sum} buckets=${data.bucketCounts}` : `${data.value}`;
        console.log(`  ${JSON.stringify(tags)} ${value}`);
      }
    }
  }
}

async function main() {
  // A clock we control, so the printed intervals are the same on every run.
  let now = Date.UTC(2026, 0, 1);
  const stats = new Stats({ now: () => now });

  const bytes = Measure.int64('example.com/response_bytes', 'Size of a response', 'By');
  const errors = Measure.int64('example.com/errors', 'Failed requests', '1');
  stats.registerView(
    new View({ name: 'example.com/response_bytes', measure: bytes, aggregation: Aggregation.distribution([1024, 65536]), tagKeys: ['route'] }),
    new View({ name: 'example.com/responses', measure: bytes, aggregation: Aggregation.count(), tagKeys: ['route'] }),
    // Never recorded: still exported, with no rows.
    new View({ name: 'example.com/errors', measure: errors, aggregation: Aggregation.sum(), tagKeys: ['code'] }),
  );

  stats.registerExporter(new ConsoleExporter());
  stats.setReportingPeriod(60_000); // the export timer is unref'd: it never keeps the process alive

  stats.record(bytes.m(512), TagMap.from({ route: '/home' }));
  stats.record(bytes.m(2048), TagMap.from({ route: '/home' }));
  stats.record(bytes.m(100000), TagMap.from({ route: '/download' }));

  now += 5000;
  console.log('--- flush 1');
  await stats.flush();

  stats.record(bytes.m(1024), TagMap.from({ route: '/home' }));
  now += 5000;
  console.log('--- flush 2 (cumulative)');
  await stats.flush();
  // No unregisterExporter, no clearInterval: the process still exits here.
}

main();
