'use strict';
// The same workload through prom-client, OpenTelemetry, opencensus-node, and
// a hand-written floor. Each library gets its most natural hot-path call with
// label/attribute objects built once per combination (like our reused TagMap).
// Each also gets its own copy of the bounds: prom-client freezes the array it
// is given, and a frozen array of doubles is stored boxed, which made every
// binary search over the same array ~3x slower in the same process.
const { MS_BOUNDS, KEYS, MASK } = require('./workload');

function promVariants({ values, combos, comboTags }) {
  const prom = require('prom-client');
  const registry = new prom.Registry();
  const hist = new prom.Histogram({ name: 'bench_latency', help: 'bench', labelNames: KEYS, buckets: [...MS_BOUNDS], registers: [registry] });
  const labels = comboTags.map((t) => ({ method: t.method, status: t.status }));
  const children = comboTags.map((t) => hist.labels(t.method, t.status));
  let j = 0;
  function observeWithLabels(n) {
    const end = j + n;
    for (let i = j; i < end; i++) hist.observe(labels[combos[i & MASK]], values[i & MASK]);
    j = end;
  }
  function boundChild(n) {
    const end = j + n;
    for (let i = j; i < end; i++) children[combos[i & MASK]].observe(values[i & MASK]);
    j = end;
  }
  async function check() {
    const series = (await hist.get()).values.filter((v) => v.metricName === 'bench_latency_count');
    if (series.length !== 16 || !series.every((s) => s.value > 0)) throw new Error(`prom-client: expected 16 series, got ${series.length}`);
  }
  return {
    variants: [
      { name: 'prom.observe', run: observeWithLabels },
      { name: 'prom.child', run: boundChild },
    ],
    check,
  };
}

function otelVariants({ values, combos, comboTags }) {
  const { MeterProvider, MetricReader } = require('@opentelemetry/sdk-metrics');
  // A pull reader that is never collected during timing: the SDK aggregates on record.
  class Reader extends MetricReader {
    async onForceFlush() {}
    async onShutdown() {}
  }
  const reader = new Reader();
  const provider = new MeterProvider({ readers: [reader] });
  const hist = provider.getMeter('bench').createHistogram('bench.latency', { unit: 'ms', advice: { explicitBucketBoundaries: [...MS_BOUNDS] } });
  const attrs = comboTags.map((t) => ({ method: t.method, status: t.status }));
  let j = 0;
  function record(n) {
    const end = j + n;
    for (let i = j; i < end; i++) hist.record(values[i & MASK], attrs[combos[i & MASK]]);
    j = end;
  }
  async function check() {
    const { resourceMetrics, errors } = await reader.collect();
    const points = resourceMetrics.scopeMetrics[0]?.metrics[0]?.dataPoints ?? [];
    const boundaries = points[0]?.value.buckets.boundaries ?? [];
    if (errors.length || points.length !== 16 || boundaries.length !== MS_BOUNDS.length) {
      throw new Error(`otel: expected 16 points with ${MS_BOUNDS.length} bounds, got ${points.length} / ${boundaries.length}`);
    }
  }
  return { variants: [{ name: 'otel.record', run: record }], check };
}

function opencensusVariants({ values, combos, comboTags }) {
  const oc = require('@opencensus/core');
  const measure = oc.globalStats.createMeasureDouble('bench/latency', oc.MeasureUnit.MS, 'bench');
  const keys = KEYS.map((name) => ({ name }));
  const view = oc.globalStats.createView('bench/latency', measure, oc.AggregationType.DISTRIBUTION, keys, 'bench', [...MS_BOUNDS]);
  oc.globalStats.registerView(view);
  const maps = comboTags.map((t) => {
    const m = new oc.TagMap();
    m.set(keys[0], { value: t.method });
    m.set(keys[1], { value: t.status });
    return m;
  });
  let j = 0;
  function record(n) {
    const end = j + n;
    for (let i = j; i < end; i++) oc.globalStats.record([{ measure, value: values[i & MASK] }], maps[combos[i & MASK]]);
    j = end;
  }
  function check() {
    const rows = Object.keys(view.tagValueAggregationMap).length;
    if (rows !== 16) throw new Error(`opencensus: expected 16 rows, got ${rows}`);
  }
  return { variants: [{ name: 'opencensus.record', run: record }], check };
}

/** The least any tagged histogram must do: one Map lookup of a ready key, a binary search, one increment. */
function floorVariants({ values, combos, comboTags }) {
  const keys = comboTags.map((t) => `${t.method}\u0000${t.status}`);
  const table = new Map(keys.map((k) => [k, new Float64Array(MS_BOUNDS.length + 1)]));
  const bounds = [...MS_BOUNDS];
  let j = 0;
  function floor(n) {
    const end = j + n;
    for (let i = j; i < end; i++) {
      const v = values[i & MASK];
      const buckets = table.get(keys[combos[i & MASK]]);
      let lo = 0;
      let hi = bounds.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (v < bounds[mid]) hi = mid;
        else lo = mid + 1;
      }
      buckets[lo]++;
    }
    j = end;
  }
  function check() {
    let total = 0;
    for (const b of table.values()) total += b.reduce((s, x) => s + x, 0);
    if (total === 0) throw new Error('floor recorded nothing');
  }
  return { variants: [{ name: 'floor', run: floor }], check };
}

module.exports = { promVariants, otelVariants, opencensusVariants, floorVariants };
