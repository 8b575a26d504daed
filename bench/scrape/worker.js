'use strict';
// Child process of the scrape section: 1000 series × 40 buckets held once by
// our PrometheusExporter (over a Stats view) and once by a prom-client
// Histogram in its own registry, with identical observations; the two
// renderings alternate in rounds and each round times several scrapes.
const { reply } = require('../lib/children');
const { loadCensus } = require('../lib/census');
const { median } = require('../lib/stats');
const { MS_BOUNDS, KEYS, build, MASK } = require('../record/workload');

const SERIES = 1000;
const OBSERVATIONS = 20; // per series, so most buckets are non-zero

function setup() {
  const census = loadCensus();
  const prom = require('prom-client');
  const { values } = build();
  const stats = new census.Stats();
  const m = census.Measure.float64('bench/scrape_latency', 'scrape bench', 'ms');
  stats.registerView(new census.View({ name: 'bench/scrape_latency', description: 'scrape bench', measure: m, aggregation: census.Aggregation.distribution(MS_BOUNDS), tagKeys: KEYS }));
  const ourRegistry = new prom.Registry();
  const exporter = new census.PrometheusExporter({ stats, registry: ourRegistry });

  const promRegistry = new prom.Registry();
  const hist = new prom.Histogram({ name: 'bench_scrape_latency', help: 'scrape bench', labelNames: KEYS, buckets: [...MS_BOUNDS], registers: [promRegistry] });

  let j = 0;
  for (let s = 0; s < SERIES; s++) {
    const labels = { method: `bench.Svc/Method${s >> 2}`, status: ['OK', 'CANCELLED', 'NOT_FOUND', 'UNAVAILABLE'][s & 3] };
    const tags = census.TagMap.from(labels);
    for (let k = 0; k < OBSERVATIONS; k++, j++) {
      const v = values[j & MASK];
      stats.record(m.m(v), tags);
      hist.observe(labels, v);
    }
  }
  return {
    ours: { scrape: () => exporter.metrics(), stop: () => exporter.stop() },
    prom: { scrape: () => promRegistry.metrics(), stop: async () => {} },
  };
}

/** Rough structural check: both texts carry SERIES × (bounds + 1) bucket lines. */
function bucketLines(text) {
  return text.split('\n').filter((l) => l.includes('_bucket{')).length;
}

/** The text's lines with each sample's labels sorted (prom-client puts `le` first, we put it last). */
function canonical(text) {
  const sortLabels = (line) => line.replace(/\{(.*)\}/, (_, body) => `{${body.split(/,(?=[a-zA-Z_]+=")/).sort().join(',')}}`);
  return text.split('\n').map(sortLabels).sort().join('\n');
}

async function main() {
  const [rounds, perRound] = process.argv.slice(2).map(Number);
  const variants = setup();
  const names = Object.keys(variants);
  const samples = Object.fromEntries(names.map((n) => [n, []]));
  const sizes = {};
  const texts = {};
  for (const n of names) {
    const text = (texts[n] = await variants[n].scrape());
    sizes[n] = { bytes: Buffer.byteLength(text), bucketLines: bucketLines(text) };
    if (sizes[n].bucketLines !== SERIES * (MS_BOUNDS.length + 1)) throw new Error(`${n}: ${sizes[n].bucketLines} bucket lines, expected ${SERIES * (MS_BOUNDS.length + 1)}`);
    for (let w = 0; w < 3; w++) await variants[n].scrape();
  }
  // Same data, same text up to label order: otherwise the comparison would be meaningless.
  if (canonical(texts.ours) !== canonical(texts.prom)) throw new Error('our exposition differs from prom-client\'s for the same data');
  for (let r = 0; r < rounds; r++) {
    for (let k = 0; k < names.length; k++) {
      const n = names[(k + r) % names.length];
      const t0 = process.hrtime.bigint();
      for (let i = 0; i < perRound; i++) await variants[n].scrape();
      samples[n].push(Number(process.hrtime.bigint() - t0) / 1e6 / perRound);
    }
  }
  for (const n of names) await variants[n].stop();
  reply({ msPerScrape: Object.fromEntries(names.map((n) => [n, median(samples[n])])), sizes });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
