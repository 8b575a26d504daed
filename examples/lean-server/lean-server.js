// A server that opts out of the two per-RPC costs it may not need (see
// docs/grpc.md): handler code does not run in the RPC's tag context
// (`handlerTagContext: false`, no AsyncLocalStorage on Node < 22), and
// statuses carry no server-latency trailer (`serverStatsTrailer: false`).
// Tags still propagate to the server views, and every view is still exact.
// Run: npm run build && node examples/lean-server/lean-server.js
'use strict';
const grpc = require('@grpc/grpc-js');
const census = require('grpc-census');
const { FetchClient, FetchService } = require('../fetchit/proto');

const { Stats, TagMap, View, Aggregation, withTags, currentTags } = census;
const stats = new Stats();
stats.registerView(...census.DefaultServerViews, ...census.DefaultClientViews, census.ClientServerLatencyView);
const byTenant = new View({
  name: 'example.com/server_completed_by_tenant',
  measure: census.ServerLatency,
  aggregation: Aggregation.count(),
  tagKeys: ['tenant', census.KeyServerMethod],
});
stats.registerView(byTenant);

const server = census.createServer({ census: { stats, handlerTagContext: false, serverStatsTrailer: false } });
server.addService(FetchService, {
  Capitalize(call, callback) {
    // No tag context here: whatever the surrounding code set (nothing).
    console.log(`handler sees ${JSON.stringify(currentTags().toObject())}`);
    callback(null, { id: call.request.id, data: Buffer.from(call.request.data.toString().toUpperCase()) });
  },
});

server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (err, port) => {
  if (err) throw err;
  const client = new FetchClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure(), census.clientOptions({ stats }));
  withTags(TagMap.from({ tenant: 'acme' }), () => {
    const call = client.Capitalize({ id: 1, data: Buffer.from('hello') }, (e, reply) => {
      if (e) throw e;
      console.log(`reply ${reply.data.toString()}`);
    });
    call.on('status', (status) => {
      console.log(`trailers ${JSON.stringify(Object.keys(status.metadata.getMap()))}`);
      client.close();
      server.tryShutdown(() => {
        const count = (view) => stats.retrieveData(view).reduce((n, row) => n + (row.data.count ?? row.data.value), 0);
        for (const row of stats.retrieveData(byTenant)) console.log(`server view ${JSON.stringify(row.tags)} ${row.data.value}`);
        console.log(`client completed_rpcs ${count(census.ClientCompletedRPCsView)}, server completed_rpcs ${count(census.ServerCompletedRPCsView)}`);
        console.log(`client server_latency rows ${stats.retrieveData(census.ClientServerLatencyView).length}`);
      });
    });
  });
});
