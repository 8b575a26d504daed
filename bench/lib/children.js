'use strict';
// Runs a measurement in several fresh Node processes, one after the other
// (never in parallel: the machine has 2 cores and the gRPC section needs both).
const { fork } = require('node:child_process');

/**
 * Forks `script` `n` times in sequence. Each child must `process.send()` one
 * result object and exit; the promise resolves with the results in order.
 * `execArgv` adds Node flags (e.g. `--expose-gc`); `args` go to the script.
 */
async function runChildren(script, { n, args = [], execArgv = [], label = script, timeoutMs = 120000 }) {
  const results = [];
  for (let i = 0; i < n; i++) {
    process.stderr.write(`  ${label}: process ${i + 1}/${n}\r`);
    results.push(await runChild(script, args, execArgv, timeoutMs));
  }
  process.stderr.write(`  ${label}: ${n} processes done${' '.repeat(20)}\n`);
  return results;
}

/** Forks one child and waits for its single result message. */
function runChild(script, args, execArgv, timeoutMs) {
  return new Promise((resolve, reject) => {
    const child = fork(script, args, { execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let result;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${script} took longer than ${timeoutMs} ms`));
    }, timeoutMs);
    child.on('message', (msg) => (result = msg));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (result !== undefined && code === 0) resolve(result);
      else reject(new Error(`${script} ${args.join(' ')} exited with ${signal ?? code} and no result`));
    });
  });
}

/** Sends `result` to the parent and lets the process end; run by hand (no parent), prints it. */
function reply(result) {
  if (typeof process.send !== 'function') return console.log(JSON.stringify(result));
  process.send(result, () => process.disconnect());
}

module.exports = { runChildren, reply };
