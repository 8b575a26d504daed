'use strict';
// Child process of the record section: sets up every variant on the same
// workload, alternates them, checks each really aggregated, reports ns/op.
const { alternate } = require('../lib/alternate');
const { reply } = require('../lib/children');
const { loadCensus } = require('../lib/census');
const { build } = require('./workload');
const { ourVariants } = require('./ours');
const { promVariants, otelVariants, opencensusVariants, floorVariants } = require('./others');

async function main() {
  const [rounds, sliceMs, warmupMs] = process.argv.slice(2, 5).map(Number);
  const compareDist = process.argv[5];
  const w = build();
  const groups = [floorVariants(w), ourVariants(w, loadCensus())];
  if (compareDist) groups.push(ourVariants(w, loadCensus(compareDist), 'alt'));
  groups.push(promVariants(w), otelVariants(w), opencensusVariants(w));
  const variants = groups.flatMap((g) => g.variants);
  const results = alternate(variants, { rounds, sliceMs, warmupMs });
  for (const g of groups) await g.check();
  const nsPerOp = {};
  for (const [name, r] of Object.entries(results)) nsPerOp[name] = r.nsPerOp;
  reply({ nsPerOp });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
