'use strict';
// Section 1: the record path (issue 2). Runs record/worker.js and
// record/memory.js in fresh processes and turns their medians into tables.
const path = require('node:path');
const { runChildren } = require('../lib/children');
const { median, range, fmt, fmtRatio } = require('../lib/stats');
const { table, verdict } = require('../lib/report');

const TARGET_VS_FLOOR = 1.5;
const TARGET_VS_PROM = 3;
const TARGET_NO_VIEW_NS = 20;
const TARGET_ROW_BYTES = 1024;

const LABELS = {
  floor: 'floor: Map.get(precomputed key) + binary search + Float64Array++',
  'ours.reused': 'ours: `stats.record(m.m(v), tagMap)`, TagMap reused per combination',
  'ours.fresh': 'ours: TagMap built per call (`TagMap.from({...})`)',
  'ours.context': 'ours: `stats.record(m.m(v))` reading `currentTags()` inside `withTags` (scope entered per 256 records)',
  'ours.noView': 'ours: measure with no view',
  'ours.eight': 'ours: 8 measurements in one `record` call (per call)',
  'prom.observe': 'prom-client 15: `hist.observe(labels, v)`',
  'prom.child': 'prom-client 15: `hist.labels(...)` child bound once, `child.observe(v)`',
  'otel.record': 'OpenTelemetry sdk-metrics 2: `hist.record(v, attrs)`',
  'opencensus.record': '@opencensus/core 0.1: `globalStats.record([{measure, value}], tagMap)`',
};

async function recordSection({ procs, quick, compareDist }) {
  const [rounds, sliceMs, warmupMs] = quick ? [7, 8, 150] : [15, 12, 300];
  const args = [rounds, sliceMs, warmupMs].map(String);
  if (compareDist) args.push(compareDist);
  const results = await runChildren(path.join(__dirname, 'worker.js'), { n: procs, args, label: 'record' });
  const per = (name) => results.map((r) => r.nsPerOp[name]);
  const ratio = (a, b) => median(results.map((r) => r.nsPerOp[a] / r.nsPerOp[b]));

  const names = Object.keys(results[0].nsPerOp);
  const rows = names.map((name) => {
    const ns = median(per(name));
    const [lo, hi] = range(per(name));
    let target = '';
    if (name.endsWith('.reused')) target = `≤ ${TARGET_VS_FLOOR}× floor: ${verdict(ratio(name, 'floor') <= TARGET_VS_FLOOR)}`;
    if (name.endsWith('.noView')) target = `≤ ${TARGET_NO_VIEW_NS} ns: ${verdict(ns <= TARGET_NO_VIEW_NS)}`;
    if (name.endsWith('.eight')) target = `${fmt(ns / 8)} ns per measurement`;
    if (name === 'prom.observe') target = `ours.reused ${fmtRatio(ratio('prom.observe', 'ours.reused'))} faster (≥ ${TARGET_VS_PROM}×): ${verdict(ratio('prom.observe', 'ours.reused') >= TARGET_VS_PROM)}`;
    const label = LABELS[name] ?? LABELS[name.replace(/^alt\./, 'ours.')]?.replace(/^ours/, 'alt') ?? name;
    return [label, fmt(ns), `${fmt(lo)}–${fmt(hi)}`, fmtRatio(ratio(name, 'floor')), target];
  });
  const timing = table(['variant', 'median ns/op', 'range of process medians', 'vs floor', 'target'], rows);

  const memory = await memoryTable({ procs, quick, compareDist });
  const altLine = compareDist
    ? `alt = the build in ${compareDist}. ` + ['reused', 'fresh', 'context', 'noView', 'eight'].map((v) => `alt.${v} / ours.${v} = ${fmtRatio(ratio(`alt.${v}`, `ours.${v}`))}`).join('; ') + ' (median of per-process ratios).'
    : undefined;
  const settings = `${procs} processes × ${rounds} alternated rounds of every variant, ~${sliceMs} ms per slice (each variant warmed up ${warmupMs} ms first).`;
  return {
    title: '1. Record path',
    parts: [settings, timing, ...(altLine ? [altLine] : []), `Memory per distribution row (40 bounds, no percentiles), ${memory.rowsPerProc} rows per process, ${procs} processes:`, memory.table],
    raw: { timing: results, memory: memory.raw },
  };
}

async function memoryTable({ procs, quick, compareDist }) {
  const rowsPerProc = quick ? 5000 : 10000;
  const libs = { ours: 'ours (grpc-census)', prom: 'prom-client 15 Histogram', otel: 'OpenTelemetry sdk-metrics 2 Histogram' };
  if (compareDist) libs.alt = 'alt (the --compare-dist build)';
  const out = [];
  const raw = {};
  for (const [lib, label] of Object.entries(libs)) {
    const res = await runChildren(path.join(__dirname, 'memory.js'), { n: procs, args: [lib, String(rowsPerProc), ...(lib === 'alt' ? [compareDist] : [])], execArgv: ['--expose-gc'], label: `memory ${lib}` });
    const bytes = res.map((r) => r.bytesPerRow);
    raw[lib] = bytes;
    const [lo, hi] = range(bytes);
    const target = lib === 'ours' || lib === 'alt' ? `≤ ${TARGET_ROW_BYTES} B: ${verdict(median(bytes) <= TARGET_ROW_BYTES)}` : '';
    out.push([label, fmt(median(bytes)), `${fmt(lo)}–${fmt(hi)}`, target]);
  }
  return { rowsPerProc, raw, table: table(['library', 'median bytes per row', 'range', 'target'], out) };
}

module.exports = { recordSection };
