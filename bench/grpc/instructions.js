'use strict';
// Instructions per unary RPC on one side, in a real loopback run, counted by
// valgrind's callgrind instead of timed: a count does not move with what
// else the machine is doing, so it separates differences of 1–2% that the
// timed sections cannot. The measured process runs under callgrind with
// `--perf-basic-prof`, its peer (bare) runs normally; each variant runs
// twice, with LO and HI calls, and the difference over HI − LO calls is the
// steady-state cost per call (startup, module loading and most JIT
// compilation cancel out). Code V8 generated is named through the perf map,
// so the cost is also split by where it runs: this library, grpc-js,
// Node's own JavaScript, V8's GC, V8's compilers, and the rest.
//
//   node bench/grpc/instructions.js [client|server] [--calls LO,HI] [--modes bare,forwarding,no-views,views] [--functions N] [--warm CALLS]
//
// --warm CALLS counts nothing during the first CALLS calls of each measured
// process (callgrind --instr-atstart=no, then callgrind_control): V8 compiles
// a side's hot code over its first ~20,000 calls, and without a warm-up the
// LO–HI window falls inside that, counting interpreted and baseline code
// that a long-running process no longer runs (see the gRPC section's warm-up).
//
// --functions N also lists the N functions whose own instructions per call
// differ most between each mode and bare, leaving out V8's GC and compilers
// (they move between runs of the same code), with V8's tier marks stripped
// so a function interpreted and optimized counts once.
//
// Needs valgrind (`apt-get install -y valgrind`). Under callgrind a process
// runs ~50× slower: the defaults take ~15 minutes per side.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawn, spawnSync } = require('node:child_process');
const { canPin } = require('../lib/pin');
const { DIST } = require('../lib/census');

const CHILD = path.join(__dirname, 'instructions-child.js');
const MODES = ['bare', 'forwarding', 'no-views', 'views'];

function parseArgs(argv) {
  const opts = { side: 'client', calls: [2000, 8000], modes: MODES, functions: 0, warm: 0 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === 'client' || a === 'server') opts.side = a;
    else if (a === '--calls') opts.calls = argv[++i].split(',').map(Number);
    else if (a === '--modes') opts.modes = argv[++i].split(',');
    else if (a === '--functions') opts.functions = Number(argv[++i]);
    else if (a === '--warm') opts.warm = Number(argv[++i]);
    else throw new TypeError(`unknown argument ${a} (usage: instructions.js [client|server] [--calls LO,HI] [--modes ${MODES.join(',')}] [--functions N] [--warm CALLS])`);
  }
  const [lo, hi] = opts.calls;
  if (!(Number.isInteger(lo) && Number.isInteger(hi) && lo > 0 && hi > lo)) throw new TypeError('--calls takes LO,HI with 0 < LO < HI');
  for (const m of opts.modes) if (!MODES.includes(m)) throw new TypeError(`--modes: unknown mode ${m}`);
  if (!(Number.isInteger(opts.functions) && opts.functions >= 0)) throw new TypeError('--functions takes a count ≥ 0');
  if (!(Number.isInteger(opts.warm) && opts.warm >= 0)) throw new TypeError('--warm takes a count of calls ≥ 0');
  if (!opts.modes.includes('bare')) opts.modes.unshift('bare');
  return opts;
}

/** The command prefix that pins a process to `cpu` (taskset), or none where pinning cannot work. */
const pinTo = (cpu) => (canPin() ? ['taskset', '-c', String(cpu)] : []);

/** Starts `argv`; `exited` resolves when it exits 0 and rejects with its stderr otherwise. `pipes`: stdin/stdout piped. */
function start(argv, pipes = false) {
  const [cmd, ...args] = argv.map(String);
  const child = spawn(cmd, args, { stdio: [pipes ? 'pipe' : 'ignore', pipes ? 'pipe' : 'ignore', 'pipe'] });
  let err = '';
  child.stderr.on('data', (d) => (err += d));
  const exited = new Promise((resolve, reject) =>
    child.on('exit', (code) => (code === 0 ? resolve(err) : reject(new Error(`${cmd} ${args.join(' ')} exited ${code}:\n${err.slice(-2000)}`)))),
  );
  return { child, exited };
}

/** Resolves with each next line `stream` prints, one per call of the returned function. */
function lines(stream) {
  const queued = [];
  const waiting = [];
  let buf = '';
  stream.on('data', (d) => {
    buf += d;
    for (let nl = buf.indexOf('\n'); nl >= 0; nl = buf.indexOf('\n')) {
      const line = buf.slice(0, nl);
      buf = buf.slice(nl + 1);
      if (waiting.length) waiting.shift()(line);
      else queued.push(line);
    }
  });
  return () => (queued.length ? Promise.resolve(queued.shift()) : new Promise((resolve) => waiting.push(resolve)));
}

/** Turns callgrind's counting on in the process `pid` (started with --instr-atstart=no). */
function countFromNow(pid) {
  const r = spawnSync('callgrind_control', ['--instr=on', String(pid)], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`callgrind_control failed: ${r.stderr || r.stdout}`);
}

/**
 * Runs one measured process under callgrind; returns `{ out, pid }` (its
 * callgrind file and pid, for the perf map). With `warm` > 0, callgrind counts
 * nothing during the first `warm` calls (V8 is still compiling the hot code
 * then): the measured client pauses after them until counting is on; the
 * measured server is warmed by a client of its own first.
 */
async function measure(side, mode, calls, dir, warm) {
  const out = path.join(dir, `${side}-${mode}-${calls}.cg`);
  const valgrind = ['valgrind', '--tool=callgrind', '--smc-check=all-non-file', ...(warm > 0 ? ['--instr-atstart=no'] : []), `--callgrind-out-file=${out}`, process.execPath, '--perf-basic-prof', CHILD];
  // taskset and valgrind exec the program, so the measured pid is node's (and names its perf map).
  let measured;
  if (side === 'client') {
    const server = start([...pinTo(1), process.execPath, CHILD, 'server', 'bare'], true);
    const port = await lines(server.child.stdout)();
    measured = start([...pinTo(0), ...valgrind, 'client', mode, calls, port, warm], warm > 0);
    if (warm > 0) {
      const next = lines(measured.child.stdout);
      if ((await next()) !== 'warm') throw new Error('the measured client did not report its warm-up');
      countFromNow(measured.child.pid);
      measured.child.stdin.end('go\n');
    }
    await measured.exited;
    server.child.kill('SIGTERM');
    await server.exited;
  } else {
    measured = start([...pinTo(1), ...valgrind, 'server', mode], true);
    const port = await lines(measured.child.stdout)();
    if (warm > 0) {
      await start([...pinTo(0), process.execPath, CHILD, 'client', 'bare', warm, port]).exited;
      countFromNow(measured.child.pid);
    }
    const client = start([...pinTo(0), process.execPath, CHILD, 'client', 'bare', calls, port]);
    await client.exited;
    measured.child.kill('SIGTERM');
    await measured.exited;
  }
  return { out, pid: measured.child.pid };
}

/** Self instructions per function name, from callgrind_annotate. */
function selfCosts(file) {
  const r = spawnSync('callgrind_annotate', ['--threshold=100', file], { encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`callgrind_annotate failed: ${r.stderr}`);
  const costs = new Map();
  for (const line of r.stdout.split('\n')) {
    const m = /^\s*([\d,]+)\s+\(\s*[\d.]+%\)\s+(.*)$/.exec(line);
    if (m) costs.set(m[2].trim(), Number(m[1].replace(/,/g, '')));
  }
  return costs;
}

/** Address → name for the code V8 generated, from the map `--perf-basic-prof` writes (always under /tmp). */
function perfMap(pid) {
  const file = `/tmp/perf-${pid}.map`;
  const entries = fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [a, s, ...name] = line.split(' ');
      return [parseInt(a, 16), parseInt(s, 16), name.join(' ')];
    })
    .sort((x, y) => x[0] - y[0]);
  fs.rmSync(file, { force: true });
  return (addr) => {
    let lo = 0;
    let hi = entries.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (entries[mid][0] <= addr) lo = mid + 1;
      else hi = mid - 1;
    }
    const e = entries[hi];
    return e && addr < e[0] + e[1] ? e[2] : undefined;
  };
}

const CATEGORIES = ['grpc-census', 'grpc-js', 'protobuf', 'Node (JavaScript)', 'V8 GC', 'V8 compilers and deopt', 'V8 builtins and ICs', 'other native'];
const distPath = path.resolve(DIST);

function category(name) {
  if (name.includes(distPath)) return 'grpc-census';
  if (name.includes('@grpc/grpc-js')) return 'grpc-js';
  if (/protobufjs|EchoMessage|@grpc\/proto-loader/.test(name)) return 'protobuf';
  if (/ node:|^node:/.test(name)) return 'Node (JavaScript)';
  if (/Scaveng|Heap|Mark|Sweep|Evacuat|Pretenur|BodyDescriptor|MemoryChunk|Remembered|SlotSet|Page|GC|Allocation/.test(name)) return 'V8 GC';
  if (/compiler::|maglev|Maglev|Baseline|Translat|Deoptimiz|Safepoint|Scanner|Parser|Bytecode|turboshaft|Compil/.test(name)) return 'V8 compilers and deopt';
  if (/^Builtins?[_:]|Builtins_|BytecodeHandler|Stub:/.test(name)) return 'V8 builtins and ICs';
  return 'other native';
}

/** Instructions by category, and by function name, for one callgrind file. */
function byCategory(file, pid) {
  const name = perfMap(pid);
  const totals = Object.fromEntries(CATEGORIES.map((c) => [c, 0]));
  const functions = new Map();
  let all = 0;
  for (const [fn, n] of selfCosts(file)) {
    if (fn === 'PROGRAM TOTALS') {
      all = n;
      continue;
    }
    const m = /^\?\?\?:0x([0-9a-f]+) \[\?\?\?\]$/.exec(fn);
    const named = m ? (name(parseInt(m[1], 16)) ?? 'generated code') : fn;
    const where = category(named);
    totals[where] += n;
    if (where === 'V8 GC' || where === 'V8 compilers and deopt') continue;
    // JS:~f, JS:^f, JS:+f and JS:*f are one function in V8's tiers.
    const key = named.replace(/^JS:[~^+*]/, 'JS:');
    functions.set(key, (functions.get(key) ?? 0) + n);
  }
  return { all, totals, functions };
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (spawnSync('valgrind', ['--version']).status !== 0) {
    console.error('valgrind is not installed (Debian: apt-get install -y valgrind)');
    process.exit(1);
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'grpc-census-instructions-'));
  const [lo, hi] = opts.calls;
  const perCall = {};
  for (const mode of opts.modes) {
    const runs = [];
    for (const calls of [lo, hi]) {
      process.stderr.write(`  ${opts.side} ${mode}: ${calls} calls under callgrind…\n`);
      const { out, pid } = await measure(opts.side, mode, calls, dir, opts.warm);
      runs.push(byCategory(out, pid));
      fs.rmSync(out, { force: true });
    }
    const slope = (f) => (f(runs[1]) - f(runs[0])) / (hi - lo);
    const names = new Set([...runs[0].functions.keys(), ...runs[1].functions.keys()]);
    const functions = new Map([...names].map((n) => [n, slope((r) => r.functions.get(n) ?? 0)]));
    perCall[mode] = { all: slope((r) => r.all), ...Object.fromEntries(CATEGORIES.map((c) => [c, slope((r) => r.totals[c])])), functions };
  }
  fs.rmSync(dir, { recursive: true, force: true });
  report(opts, perCall);
  if (opts.functions > 0) reportFunctions(opts, perCall);
}

/** The functions whose own instructions per call differ most between each mode and bare. */
function reportFunctions(opts, perCall) {
  const bare = perCall.bare.functions;
  for (const mode of opts.modes.filter((m) => m !== 'bare')) {
    const own = perCall[mode].functions;
    const names = new Set([...bare.keys(), ...own.keys()]);
    const diffs = [...names].map((n) => [n, (own.get(n) ?? 0) - (bare.get(n) ?? 0)]).sort((a, b) => Math.abs(b[1]) - Math.abs(a[1]));
    console.log(`\n### ${mode} − bare, by function (top ${opts.functions}, V8's GC and compilers left out)\n`);
    console.log('| function | bare | difference |\n| --- | --- | --- |');
    for (const [n, d] of diffs.slice(0, opts.functions)) {
      const label = n.replace(distPath, 'dist').replace(/ \[\/[^\]]*\]$/, '').replace(/\|/g, '\\|');
      console.log(`| ${label} | ${Math.round(bare.get(n) ?? 0).toLocaleString('en-US')} | ${d >= 0 ? '+' : '−'}${Math.abs(Math.round(d)).toLocaleString('en-US')} |`);
    }
  }
}

function report(opts, perCall) {
  const fmt = (n) => Math.round(n).toLocaleString('en-US');
  const signed = (n) => (n >= 0 ? '+' : '−') + fmt(Math.abs(n));
  const percent = (d, base) => `${d >= 0 ? '+' : '−'}${Math.abs((d / base) * 100).toFixed(1)}%`;
  // GC and compilation run when a threshold falls inside the window or not, so they vary between runs of the same code.
  const steady = (r) => r.all - r['V8 GC'] - r['V8 compilers and deopt'];
  const bare = perCall.bare;
  const modes = opts.modes.filter((m) => m !== 'bare');
  const row = (label, f, bold) => {
    const cells = modes.map((m) => {
      const d = f(perCall[m]) - f(bare);
      return `${bold ? `**${signed(d)}**` : signed(d)} (${percent(d, f(bare))})`;
    });
    console.log(`| ${label} | ${fmt(f(bare))} | ${cells.join(' | ')} |`);
  };
  console.log(`## Instructions per unary RPC, ${opts.side} side (Node ${process.versions.node})\n`);
  const warm = opts.warm > 0 ? ` --warm ${opts.warm}` : '';
  console.log(`\`node bench/grpc/instructions.js ${opts.side} --calls ${opts.calls.join(',')}${warm}\`: the ${opts.side} under callgrind, its peer bare; per call = (count at ${opts.calls[1]} calls − count at ${opts.calls[0]}) / ${opts.calls[1] - opts.calls[0]}${opts.warm > 0 ? `, counted after ${opts.warm} calls of warm-up` : ' (no warm-up: the window falls in V8\'s compilation of the hot code)'}. Modes: bare grpc-js; forwarding, a layer that only forwards; no-views, the plugin with no view registered; views, the plugin with every view of this side. Code running in V8's interpreter counts under builtins.\n`);
  console.log(`| where | bare | ${modes.map((m) => `${m} − bare`).join(' | ')} |`);
  console.log(`| --- | --- | ${modes.map(() => '---').join(' | ')} |`);
  row('**all**', (r) => r.all, true);
  row('all but V8 GC and compilers (steadier)', steady, true);
  for (const c of CATEGORIES) {
    console.log(`| ${c} | ${fmt(bare[c])} | ${modes.map((m) => signed(perCall[m][c] - bare[c])).join(' | ')} |`);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
