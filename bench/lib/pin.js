'use strict';
// Pins a process (all its threads) to one CPU with util-linux `taskset`, as
// ../shared/GRPC-JS-NOTES.md measured grpc-js: client and server each on
// their own core, so they never queue behind each other on one CPU.
const os = require('node:os');
const { spawnSync } = require('node:child_process');

/** Whether pinning can work here: `taskset` exists and there are at least two CPUs. */
function canPin() {
  if (os.cpus().length < 2) return false;
  const probe = spawnSync('taskset', ['--version'], { stdio: 'ignore' });
  return probe.status === 0;
}

/** Pins every thread of `pid` to `cpu`; threads started later inherit it. Throws if taskset fails. */
function pin(pid, cpu) {
  const r = spawnSync('taskset', ['-a', '-p', '-c', String(cpu), String(pid)], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`taskset failed for pid ${pid}: ${r.stderr || r.error}`);
}

module.exports = { canPin, pin };
