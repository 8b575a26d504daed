'use strict';
// Child process (run with --expose-gc): memory retained per distribution row
// (40 bounds, no percentiles). Rows get distinct tag values; the TagMaps,
// label objects and measurements used to create them are dropped before the
// heap is measured, so what remains is what the library keeps per row: its
// copy of the tag values, the row key, the row object and the buckets.
const { reply } = require('../lib/children');
const { loadCensus } = require('../lib/census');
const { MS_BOUNDS, KEYS } = require('./workload');

const WARM_ROWS = 200;

/** Each setup returns `addRow(i)`, which creates row i with one value recorded in it. */
const setups = {
  ours(dist) {
    const { Stats, Measure, View, Aggregation, TagMap } = loadCensus(dist);
    const stats = new Stats({ maxRowsPerView: 1e6 });
    const m = Measure.float64('bench/mem', 'memory bench', 'ms');
    stats.registerView(new View({ name: 'bench/mem', measure: m, aggregation: Aggregation.distribution(MS_BOUNDS), tagKeys: KEYS }));
    return (i) => stats.record(m.m(i % 1000), TagMap.from({ method: `bench.Svc/Method${i}`, status: 'OK' }));
  },
  prom() {
    const prom = require('prom-client');
    const hist = new prom.Histogram({ name: 'bench_mem', help: 'memory bench', labelNames: KEYS, buckets: [...MS_BOUNDS], registers: [] });
    return (i) => hist.observe({ method: `bench.Svc/Method${i}`, status: 'OK' }, i % 1000);
  },
  otel() {
    const { MeterProvider, MetricReader } = require('@opentelemetry/sdk-metrics');
    class Reader extends MetricReader {
      async onForceFlush() {}
      async onShutdown() {}
    }
    const provider = new MeterProvider({ readers: [new Reader()], views: [{ instrumentName: 'bench.mem', aggregationCardinalityLimit: 1e6 }] });
    const hist = provider.getMeter('bench').createHistogram('bench.mem', { advice: { explicitBucketBoundaries: [...MS_BOUNDS] } });
    return (i) => hist.record(i % 1000, { method: `bench.Svc/Method${i}`, status: 'OK' });
  },
};

function heap() {
  global.gc();
  global.gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.external;
}

function main() {
  const [lib, rowsArg, dist] = process.argv.slice(2);
  const rows = Number(rowsArg);
  if (typeof global.gc !== 'function') throw new Error('run with --expose-gc');
  const addRow = lib === 'alt' ? setups.ours(dist) : setups[lib]();
  // Warm-up rows: compile the code paths and grow the tables' first steps outside the measurement.
  for (let i = 0; i < WARM_ROWS; i++) addRow(i);
  const before = heap();
  for (let i = WARM_ROWS; i < WARM_ROWS + rows; i++) addRow(i);
  const after = heap();
  reply({ bytesPerRow: (after - before) / rows });
}

main();
