'use strict';
// grpc-census record-path variants. Each has its own loop function so V8
// optimises it on its own; `j` carries on across calls so every slice walks
// the same precomputed sequence.
const { MS_BOUNDS, KEYS, MASK } = require('./workload');
const { compileApart } = require('../lib/compile-apart');

/**
 * Our variants over workload `w`, using `census` (the loaded package) and
 * named `<prefix>.<variant>`; `check()` proves each one aggregated what it was
 * given. A second build can run beside the first under another prefix: its
 * loops are compiled apart, so the two never share type feedback.
 */
function ourVariants(w, census, prefix = 'ours') {
  const { Stats, Measure, View, Aggregation, TagMap } = census;
  const stats = new Stats();
  const latency = Measure.float64('bench/latency', 'record-path bench', 'ms');
  const view = new View({ name: 'bench/latency', measure: latency, aggregation: Aggregation.distribution(MS_BOUNDS), tagKeys: KEYS });
  stats.registerView(view);
  const maps = w.comboTags.map((t) => TagMap.from(t));
  const unviewed = Measure.float64('bench/no_view', 'a measure no view aggregates', 'ms');
  const eight = Array.from({ length: 8 }, (_, k) => Measure.float64(`bench/m${k}`, 'one of 8 measures recorded together', 'ms'));
  for (const m of eight) stats.registerView(new View({ name: m.name, measure: m, aggregation: Aggregation.distribution(MS_BOUNDS), tagKeys: KEYS }));

  const loops = compileApart(makeLoops, prefix)({ ...w, census, stats, latency, maps, unviewed, eight, MASK });

  function check() {
    const rows = stats.retrieveData(view);
    const total = rows.reduce((s, r) => s + r.data.count, 0);
    const eightRows = stats.retrieveData(eight[7].name);
    if (rows.length !== 16 || total === 0 || eightRows.length !== 16) {
      throw new Error(`${prefix}: expected 16 rows with data, got ${rows.length} rows / ${total} values / ${eightRows.length} rows`);
    }
    if (stats.diagnostics.get('rejectedMeasurements') !== 0) throw new Error(`${prefix}: measurements were rejected`);
  }

  return {
    variants: Object.entries(loops).map(([name, run]) => ({ name: `${prefix}.${name}`, run })),
    check,
  };
}

/** The timed loops. Compiled from source by `compileApart`, so it may only use its argument. */
function makeLoops(d) {
  const { values, combos, comboTags, stats, latency, maps, unviewed, MASK } = d;
  const { TagMap, withTags } = d.census;
  const [m0, m1, m2, m3, m4, m5, m6, m7] = d.eight;
  let j = 0;

  function reused(n) {
    const end = j + n;
    for (let i = j; i < end; i++) stats.record(latency.m(values[i & MASK]), maps[combos[i & MASK]]);
    j = end;
  }
  function fresh(n) {
    const end = j + n;
    for (let i = j; i < end; i++) {
      const t = comboTags[combos[i & MASK]];
      stats.record(latency.m(values[i & MASK]), TagMap.from({ method: t.method, status: t.status }));
    }
    j = end;
  }
  // The scope is entered once per 256 records (a request's worth), not per record.
  let chunk = 0;
  function recordChunk() {
    const end = j + chunk;
    for (let i = j; i < end; i++) stats.record(latency.m(values[i & MASK]));
    j = end;
  }
  function context(n) {
    for (let done = 0; done < n; done += chunk) {
      chunk = Math.min(256, n - done);
      withTags(maps[combos[(j >> 8) & MASK]], recordChunk);
    }
  }
  function noView(n) {
    const end = j + n;
    for (let i = j; i < end; i++) stats.record(unviewed.m(values[i & MASK]), maps[combos[i & MASK]]);
    j = end;
  }
  function eight(n) {
    const end = j + n;
    for (let i = j; i < end; i++) {
      const v = values[i & MASK];
      const w = values[(i + 512) & MASK];
      stats.record([m0.m(v), m1.m(w), m2.m(v), m3.m(w), m4.m(v), m5.m(w), m6.m(v), m7.m(w)], maps[combos[i & MASK]]);
    }
    j = end;
  }
  return { reused, fresh, context, noView, eight };
}

module.exports = { ourVariants };
