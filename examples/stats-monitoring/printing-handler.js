'use strict';
// A StatsHandler that prints each event of each RPC, like the handler of
// grpc-go's examples/features/stats_monitoring. It keeps no data: tagRpc
// returns the per-RPC state (here, a label) and handleRpc prints.

class PrintingHandler {
  constructor(side, out = process.stdout) {
    this.side = side;
    this.out = out;
    this.ended = 0;
  }

  tagRpc(info) {
    const kind = `${info.clientStreaming ? 'stream' : 'unary'}→${info.serverStreaming ? 'stream' : 'unary'}`;
    return { label: `[${this.side}] ${info.fullMethod}`, kind };
  }

  handleRpc(rpc, event) {
    this.out.write(`${rpc.label} ${describe(event, rpc)}\n`);
    if (event.type === 'end') this.ended++;
  }
}

function describe(event, rpc) {
  switch (event.type) {
    case 'begin':
      return `begin (${rpc.kind})`;
    case 'outHeader':
    case 'inHeader':
    case 'inTrailer':
    case 'outTrailer':
      return `${event.type} keys=[${userKeys(event.metadata).join(',')}]`;
    case 'outPayload':
    case 'inPayload':
      return `${event.type} length=${event.length}`;
    case 'end':
      return `end code=${event.code} details=${JSON.stringify(event.details)}`;
    default:
      return event.type;
  }
}

// Transport headers (content-type, date, …) vary; show the application's and ours.
function userKeys(metadata) {
  return Object.keys(metadata.getMap()).filter((k) => k.startsWith('x-') || k.startsWith('grpc-')).sort();
}

module.exports = { PrintingHandler };
