'use strict';
// `npm run bench` entry point. Usage:
//   node bench/run.js [--quick] [--only record,grpc,scrape] [--procs N] [--json FILE] [--compare-dist DIR] [--no-pin] [--server-census JSON]
// Prints markdown (machine, command, one table per section) to stdout;
// progress goes to stderr. See docs/benchmarks.md for how to read it.
const fs = require('node:fs');
const { machine } = require('./lib/report');
const { recordSection } = require('./record/section');
const { grpcSection, grpcAlsSection, grpcAaSection, grpcNoopSection, grpcLayersSection, grpcVsSection, grpcWithAlsSection, grpcTrailerSection, grpcA66Section, grpcTagsSection, grpcClientOnlySection, grpcServerOnlySection, grpcClientLayersSection, grpcClientNoViewsSection, grpcServerLayersSection, grpcServerNoViewsSection } = require('./grpc/section');
const { otelSection } = require('./otel/section');
const { scrapeSection } = require('./scrape/section');

const SECTIONS = { record: recordSection, grpc: grpcSection, 'grpc-als': grpcAlsSection, 'grpc-aa': grpcAaSection, 'grpc-noop': grpcNoopSection, 'grpc-layers': grpcLayersSection, 'grpc-vs': grpcVsSection, 'grpc-with-als': grpcWithAlsSection, 'grpc-trailer': grpcTrailerSection, 'grpc-a66': grpcA66Section, 'grpc-tags': grpcTagsSection, 'grpc-client': grpcClientOnlySection, 'grpc-server': grpcServerOnlySection, 'grpc-client-layers': grpcClientLayersSection, 'grpc-client-no-views': grpcClientNoViewsSection, 'grpc-server-layers': grpcServerLayersSection, 'grpc-server-no-views': grpcServerNoViewsSection, scrape: scrapeSection, otel: otelSection };
/** What a plain `npm run bench` runs; grpc-aa (a check of the harness itself), grpc-noop, grpc-layers, grpc-trailer, grpc-with-als, grpc-client, grpc-client-layers, grpc-client-no-views, grpc-server, grpc-server-layers, grpc-server-no-views and grpc-vs (needs --compare-dist) only on request. */
const DEFAULT_SECTIONS = ['record', 'grpc', 'grpc-a66', 'grpc-tags', 'grpc-als', 'scrape', 'otel'];
const MIN_PROCS = 5;

function parseArgs(argv) {
  const opts = { quick: false, only: DEFAULT_SECTIONS, procs: undefined, json: undefined, compareDist: undefined, pin: true };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new Error(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '--quick') opts.quick = true;
    else if (a === '--only') opts.only = value().split(',');
    else if (a === '--procs') opts.procs = Number(value());
    else if (a === '--json') opts.json = value();
    else if (a === '--compare-dist') opts.compareDist = value();
    else if (a === '--no-pin') opts.pin = false;
    else if (a === '--server-census') opts.serverCensus = JSON.stringify(JSON.parse(value()));
    else if (a === '--help' || a === '-h') opts.help = true;
    else throw new Error(`unknown argument ${a} (try --help)`);
  }
  for (const s of opts.only) if (!SECTIONS[s]) throw new Error(`unknown section ${s}; sections: ${Object.keys(SECTIONS).join(', ')}`);
  opts.procs ??= opts.quick ? 3 : MIN_PROCS;
  if (!Number.isInteger(opts.procs) || opts.procs < 1) throw new Error('--procs must be a positive integer');
  return opts;
}

const HELP = `node bench/run.js [options]
  --quick              fewer processes (3) and shorter runs: a smoke test, not for the docs
  --only a,b           sections to run: ${Object.keys(SECTIONS).join(', ')} (default: ${DEFAULT_SECTIONS.join(',')})
  --procs N            fresh processes per measurement (default ${MIN_PROCS}; medians are taken across them)
  --json FILE          also write every raw per-process result to FILE
  --compare-dist DIR   another build of grpc-census (its dist/ directory) to measure a change against:
                       record: also run it alternated with this one, as "alt.*";
                       grpc-vs: both sides instrumented, that build against this one
  --no-pin             gRPC sections: let the OS place clients and servers (default: clients on CPU 0,
                       servers on CPU 1, with taskset, when there are 2+ CPUs and taskset exists)
  --server-census JSON gRPC sections: PluginOptions for this build's instrumented server, e.g.
                       '{"handlerTagContext":false,"serverStatsTrailer":false}'`;

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (opts.help) return console.log(HELP);
  const started = Date.now();
  const command = ['node', 'bench/run.js', ...process.argv.slice(2)].join(' ');
  console.log(`# grpc-census benchmarks\n\n- Machine: ${machine()}\n- Command: \`${command}\`${opts.quick ? ' (quick: not for publication)' : ''}\n- Date: ${new Date().toISOString()}\n`);
  const raw = {};
  for (const name of opts.only) {
    const result = await SECTIONS[name](opts);
    raw[name] = result;
    console.log(`## ${result.title}\n`);
    for (const part of result.parts) console.log(`${part}\n`);
  }
  console.log(`Total time ${((Date.now() - started) / 1000).toFixed(0)} s.`);
  if (opts.json) fs.writeFileSync(opts.json, JSON.stringify({ command, machine: machine(), raw }, null, 2));
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
