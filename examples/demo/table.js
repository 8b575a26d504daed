'use strict';
// The live terminal table: calls/s, p50/p99 latency and errors by status, per client method.
const { ClientCompletedRPCsView, ServerCompletedRPCsView } = require('grpc-census');

function pad(s, n, right) {
  s = String(s);
  return right ? s.padStart(n) : s.padEnd(n);
}

/** Sums a count view's rows by one tag, and by status under it. */
function byMethod(stats, view, methodKey, statusKey) {
  const out = new Map();
  for (const { tags, data } of stats.retrieveData(view)) {
    const m = out.get(tags[methodKey]) ?? { total: 0, errors: new Map() };
    m.total += data.value;
    const status = tags[statusKey] ?? '';
    if (status !== 'OK') m.errors.set(status, (m.errors.get(status) ?? 0) + data.value);
    out.set(tags[methodKey], m);
  }
  return out;
}

/** A renderer of the table; each call reports calls/s since the previous call. */
function createTable(stats, percentileView) {
  let previous = new Map();
  let previousAt = performance.now();
  return function render(header) {
    const now = performance.now();
    const seconds = Math.max((now - previousAt) / 1000, 1e-3);
    const client = byMethod(stats, ClientCompletedRPCsView, 'grpc_client_method', 'grpc_client_status');
    const server = byMethod(stats, ServerCompletedRPCsView, 'grpc_server_method', 'grpc_server_status');
    const latency = new Map(stats.retrieveData(percentileView).map((r) => [r.tags.grpc_client_method, r.data.percentiles ?? {}]));
    const lines = [header, '', `${pad('client method', 28)}${pad('calls/s', 9, true)}${pad('total', 8, true)}${pad('p50 ms', 9, true)}${pad('p99 ms', 9, true)}  errors by status`];
    for (const [method, m] of [...client].sort()) {
      const rate = (m.total - (previous.get(method) ?? 0)) / seconds;
      const p = latency.get(method) ?? {};
      const errors = [...m.errors].map(([s, n]) => `${s} ${n}`).join(', ') || '-';
      lines.push(`${pad(method, 28)}${pad(rate.toFixed(1), 9, true)}${pad(m.total, 8, true)}${pad((p['50'] ?? 0).toFixed(2), 9, true)}${pad((p['99'] ?? 0).toFixed(2), 9, true)}  ${errors}`);
    }
    let serverTotal = 0;
    let serverErrors = 0;
    for (const m of server.values()) {
      serverTotal += m.total;
      for (const n of m.errors.values()) serverErrors += n;
    }
    lines.push('', `server: ${serverTotal} RPCs completed, ${serverErrors} with an error status`);
    previous = new Map([...client].map(([method, m]) => [method, m.total]));
    previousAt = now;
    return lines.join('\n');
  };
}

module.exports = { createTable };
