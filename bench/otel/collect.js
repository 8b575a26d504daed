'use strict';
// CensusMetricProducer.collect() against stats.retrieveData over the same
// rows (issue 9 target: collect within 2× of retrieveData): one view of 1000
// rows × 40 bounds, the two alternated in one process, round by round in a
// rotated order, so a noisy neighbour slows both alike. Usage:
//   npm run build && node bench/otel/collect.js [rounds=31] [opsPerSlice=20]
// Prints the median ms per operation of each and the median of the per-round
// ratios. bench/otel/section.js runs it in several processes (as a child it
// sends its figures to the parent instead of printing them). collect() does its work synchronously before its promise settles;
// the await is timed with it, as a MetricReader pays it. Heap allocated per
// operation is measured apart (a steadier figure on a busy machine).
const path = require('node:path');
const { loadCensus, DIST } = require('../lib/census');
const { median } = require('../lib/stats');
const { AllocMeter } = require('../lib/alloc-meter');
const { reply } = require('../lib/children');

const census = loadCensus();
const { CensusMetricProducer } = require(path.join(path.resolve(DIST), 'otel', 'index.js'));

const ROWS = 1000;
// opencensus-go's millisecond bounds: 40 bounds, 41 buckets.
const BOUNDS = [
  0.01, 0.05, 0.1, 0.3, 0.6, 0.8, 1, 2, 3, 4, 5, 6, 8, 10, 13, 16, 20, 25, 30, 40, 50, 65, 80, 100, 130, 160, 200, 250, 300, 400, 500, 650, 800, 1000, 2000,
  5000, 10000, 20000, 50000, 100000,
];

function setup() {
  const stats = new census.Stats({ maxRowsPerView: ROWS });
  const measure = census.Measure.float64('bench/latency', 'latency', 'ms');
  const view = new census.View({ name: 'bench/latency', measure, aggregation: census.Aggregation.distribution(BOUNDS), tagKeys: ['route', 'status'] });
  stats.registerView(view);
  for (let r = 0; r < ROWS; r++) {
    const tags = census.TagMap.from({ route: `/route/${r}`, status: r % 7 === 0 ? 'ERROR' : 'OK' });
    // 20 values per row across the buckets, a few of them exactly on bounds.
    for (let i = 0; i < 20; i++) stats.record(measure.m(i % 5 === 0 ? BOUNDS[(r + i) % BOUNDS.length] : ((r * 31 + i * 17) % 5000) / 7), tags);
  }
  return { stats, view };
}

async function main() {
  const rounds = Number(process.argv[2] ?? 31);
  const ops = Number(process.argv[3] ?? 20);
  const { stats, view } = setup();
  const producer = new CensusMetricProducer({ stats });
  const check = (await producer.collect()).resourceMetrics.scopeMetrics[0].metrics[0];
  if (check.dataPoints.length !== ROWS || stats.retrieveData(view).length !== ROWS) throw new Error('setup: expected 1000 rows in both');

  let sink = 0;
  const variants = {
    retrieveData: async (n) => {
      for (let i = 0; i < n; i++) sink += stats.retrieveData(view).length;
    },
    collect: async (n) => {
      for (let i = 0; i < n; i++) sink += (await producer.collect()).resourceMetrics.scopeMetrics[0].metrics.length;
    },
  };
  const names = Object.keys(variants);
  for (const name of names) await variants[name](ops); // warm-up
  const samples = { retrieveData: [], collect: [] };
  const ratios = [];
  for (let r = 0; r < rounds; r++) {
    const order = r % 2 === 0 ? names : [...names].reverse();
    const round = {};
    for (const name of order) {
      const t0 = process.hrtime.bigint();
      await variants[name](ops);
      round[name] = Number(process.hrtime.bigint() - t0) / 1e6 / ops;
      samples[name].push(round[name]);
    }
    ratios.push(round.collect / round.retrieveData);
  }
  // Heap allocated per operation (steady under load, unlike time): 20 ops each.
  const bytesPerOp = {};
  for (const name of names) {
    const meter = new AllocMeter();
    meter.start();
    await variants[name](20);
    bytesPerOp[name] = meter.stop() / 20;
  }
  const ratio = median(ratios);
  const result = {
    msPerOp: { retrieveData: median(samples.retrieveData), collect: median(samples.collect) },
    ratio,
    ratioRange: [Math.min(...ratios), Math.max(...ratios)],
    bytesPerOp,
  };
  if (typeof process.send === 'function') return reply(result);
  const fmt = (x) => x.toFixed(3);
  const kib = (b) => `${Math.round(b / 1024)} KiB`;
  console.log(`1000 rows × 40 bounds, ${rounds} alternated rounds of ${ops} operations each (sink ${sink > 0})`);
  console.log(`retrieveData: median ${fmt(median(samples.retrieveData))} ms/op, ${kib(bytesPerOp.retrieveData)} allocated per op`);
  console.log(`collect():    median ${fmt(median(samples.collect))} ms/op, ${kib(bytesPerOp.collect)} allocated per op`);
  console.log(`collect/retrieveData: median of per-round ratios ${ratio.toFixed(2)}× (target ≤ 2×: ${ratio <= 2 ? 'met' : 'NOT met'}), range ${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)}`);
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
