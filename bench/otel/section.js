'use strict';
// Section 4: the OpenTelemetry bridge (issue 9): CensusMetricProducer.collect()
// against retrieveData over the same 1000 rows × 40 bounds, alternated in each
// of several fresh processes (bench/otel/collect.js). To run it with the
// others (section `otel` of bench/run.js).
const fs = require('node:fs');
const path = require('node:path');
const { runChildren } = require('../lib/children');
const { DIST } = require('../lib/census');
const { median, range, fmt, fmtRatio } = require('../lib/stats');
const { table, verdict } = require('../lib/report');

const TARGET_RATIO = 2;
const TITLE = '4. OpenTelemetry bridge: `collect()`';

async function otelSection({ procs, quick }) {
  if (!fs.existsSync(path.join(path.resolve(DIST), 'otel', 'index.js'))) {
    return { title: TITLE, parts: ['Skipped: this build has no `otel/` (grpc-census/otel not built).'] };
  }
  const [rounds, ops] = quick ? [11, 10] : [31, 20];
  const results = await runChildren(path.join(__dirname, 'collect.js'), { n: procs, args: [String(rounds), String(ops)], label: 'otel' });
  const ratio = median(results.map((r) => r.ratio));
  const row = (label, key, target) => {
    const per = results.map((r) => r.msPerOp[key]);
    const [lo, hi] = range(per);
    return [label, fmt(median(per)), `${fmt(lo)}–${fmt(hi)}`, `${fmt(median(results.map((r) => r.bytesPerOp[key])) / 1024)} KiB`, target];
  };
  const rows = [
    row('`stats.retrieveData(view)`', 'retrieveData', ''),
    row('`await producer.collect()`', 'collect', `collect/retrieveData ${fmtRatio(ratio)} (≤ ${TARGET_RATIO}×): ${verdict(ratio <= TARGET_RATIO)}`),
  ];
  const how = `One view of 1000 rows × 40 bounds (20 values per row, some on bounds). ${procs} processes × ${rounds} alternated rounds of ${ops} operations each; ratio = median over processes of the median per-round ratio.`;
  return { title: TITLE, parts: [how, table(['operation', 'median ms per op', 'range of process medians', 'heap per op', 'target'], rows)], raw: results };
}

module.exports = { otelSection };
