'use strict';
// The reused-TagMap record loop of section 1, one build per process: no
// variant or second build shares the process, so no call site sees another
// one's types. Alternates the builds over fresh processes and prints each
// build's median ns per record and its range.
//   node bench/record/apart.js [rounds=4] DIST [DIST …]   (DIST: a dist/ directory; default ./dist)
const { execFileSync } = require('node:child_process');
const path = require('node:path');

const WARM = 300_000;
const BATCH = 1_000_000;
const BATCHES = 7;

/** Child: time the loop over build `dist`; prints the median batch's ns per record. */
function child(dist) {
  const { MS_BOUNDS, KEYS, MASK, build } = require('./workload');
  const { Stats, Measure, View, Aggregation, TagMap } = require(path.resolve(dist));
  const { values, combos, comboTags } = build();
  const stats = new Stats();
  const latency = Measure.float64('bench/latency', 'record-path bench', 'ms');
  stats.registerView(new View({ name: 'bench/latency', measure: latency, aggregation: Aggregation.distribution(MS_BOUNDS), tagKeys: KEYS }));
  const maps = comboTags.map((t) => TagMap.from(t));
  let j = 0;
  const loop = (n) => {
    const end = j + n;
    for (let i = j; i < end; i++) stats.record(latency.m(values[i & MASK]), maps[combos[i & MASK]]);
    j = end;
  };
  loop(WARM);
  const ns = [];
  for (let b = 0; b < BATCHES; b++) {
    const t0 = process.hrtime.bigint();
    loop(BATCH);
    ns.push(Number(process.hrtime.bigint() - t0) / BATCH);
  }
  ns.sort((a, b) => a - b);
  process.stdout.write(String(ns[BATCHES >> 1]));
}

function main(args) {
  const rounds = /^\d+$/.test(args[0] ?? '') ? Number(args.shift()) : 4;
  const dists = args.length > 0 ? args : [path.join(__dirname, '..', '..', 'dist')];
  const results = dists.map(() => []);
  for (let r = 0; r < rounds; r++) {
    // Rotate the order, so no build always runs first.
    for (let k = 0; k < dists.length; k++) {
      const i = (k + r) % dists.length;
      results[i].push(Number(execFileSync(process.execPath, [__filename, '--child', dists[i]], { encoding: 'utf8' })));
    }
  }
  console.log(`| build | median ns per record (reused TagMap) | range of ${rounds} processes |\n| --- | --- | --- |`);
  dists.forEach((d, i) => {
    const xs = [...results[i]].sort((a, b) => a - b);
    console.log(`| ${d} | ${xs[xs.length >> 1].toFixed(1)} | ${xs[0].toFixed(1)}–${xs[xs.length - 1].toFixed(1)} |`);
  });
}

if (process.argv[2] === '--child') child(process.argv[3]);
else main(process.argv.slice(2));
