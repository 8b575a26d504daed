'use strict';
// Markdown output: the machine, the command, and one table per section.
const os = require('node:os');
const { fmt } = require('./stats');

/** A markdown table from a header row and data rows (arrays of cells). */
function table(header, rows) {
  const line = (cells) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/** "met" / "NOT met" for a target check. */
function verdict(ok) {
  return ok ? 'met' : '**NOT met**';
}

/** What the numbers were measured on. */
function machine() {
  const cpus = os.cpus();
  const load = os.loadavg().map((x) => fmt(x, 2)).join(' ');
  return `Node ${process.version}, ${os.type()} ${os.release()} ${os.arch()}, ${cpus.length} × ${cpus[0]?.model ?? 'unknown CPU'}, ${fmt(os.totalmem() / 2 ** 30, 2)} GiB RAM, load average at start ${load}`;
}

module.exports = { table, verdict, machine };
