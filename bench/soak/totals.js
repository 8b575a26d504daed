'use strict';
// Per-method totals, as the views of one process report them and as the
// workload says they must be. Both have the same shape so they compare with
// one deep equality.

/** Adds one planned RPC to `expected` (keyed by method tag value). */
function addPlanned(expected, method, rpc) {
  const t = (expected[method] ??= { calls: 0, ok: 0, requestMessages: 0, responseMessages: 0, requestBytes: 0, responseBytes: 0 });
  t.calls++;
  t.ok++;
  t.requestMessages += rpc.send.length;
  t.responseMessages += rpc.receive.length;
  t.requestBytes += rpc.sendBytes;
  t.responseBytes += rpc.receiveBytes;
}

/**
 * What the views of `stats` say, per method: started, completed by status,
 * messages and bytes in each direction (sums of the per-RPC distributions),
 * and how many RPCs each latency view counted. `side` is 'client' or 'server'.
 */
function viewTotals(stats, side) {
  const out = {};
  const methodKey = `grpc_${side}_method`;
  const statusKey = `grpc_${side}_status`;
  const per = (method) =>
    (out[method] ??= { started: 0, completed: {}, requestMessages: 0, responseMessages: 0, requestBytes: 0, responseBytes: 0, latencyCount: 0, rpcsWithMessageCounts: 0 });
  const each = (view, fn) => {
    for (const row of stats.retrieveData(view)) fn(per(row.tags[methodKey] ?? '(none)'), row);
  };
  const io = side === 'client'
    ? { reqMsgs: 'sent_messages_per_rpc', respMsgs: 'received_messages_per_rpc', reqBytes: 'sent_bytes_per_rpc', respBytes: 'received_bytes_per_rpc' }
    : { reqMsgs: 'received_messages_per_rpc', respMsgs: 'sent_messages_per_rpc', reqBytes: 'received_bytes_per_rpc', respBytes: 'sent_bytes_per_rpc' };
  const v = (name) => `grpc.io/${side}/${name}`;
  each(v('started_rpcs'), (t, r) => (t.started += r.data.value));
  each(v('completed_rpcs'), (t, r) => (t.completed[r.tags[statusKey]] = (t.completed[r.tags[statusKey]] ?? 0) + r.data.value));
  each(v(io.reqMsgs), (t, r) => {
    t.requestMessages += r.data.sum;
    t.rpcsWithMessageCounts += r.data.count;
  });
  each(v(io.respMsgs), (t, r) => (t.responseMessages += r.data.sum));
  each(v(io.reqBytes), (t, r) => (t.requestBytes += r.data.sum));
  each(v(io.respBytes), (t, r) => (t.responseBytes += r.data.sum));
  each(v(side === 'client' ? 'roundtrip_latency' : 'server_latency'), (t, r) => (t.latencyCount += r.data.count));
  if (side === 'client') {
    for (const t of Object.values(out)) t.serverLatencyCount = 0;
    each(v('server_latency'), (t, r) => (t.serverLatencyCount += r.data.count));
  }
  return out;
}

/** `viewTotals` as they must be for `expected` (all RPCs OK). */
function mustBe(expected, side) {
  const out = {};
  for (const [method, e] of Object.entries(expected)) {
    out[method] = {
      started: e.calls,
      completed: { OK: e.ok },
      requestMessages: e.requestMessages,
      responseMessages: e.responseMessages,
      requestBytes: e.requestBytes,
      responseBytes: e.responseBytes,
      latencyCount: e.calls,
      rpcsWithMessageCounts: e.calls,
    };
    if (side === 'client') out[method].serverLatencyCount = e.calls;
  }
  return out;
}

/** Total completed RPCs over every method and status of `totals`. */
function completedCount(totals) {
  let n = 0;
  for (const t of Object.values(totals)) for (const c of Object.values(t.completed)) n += c;
  return n;
}

module.exports = { addPlanned, viewTotals, mustBe, completedCount };
