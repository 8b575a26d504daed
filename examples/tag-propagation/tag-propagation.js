// Tag propagation over gRPC: the client's tag context travels in the
// `grpc-tags-bin` header; the server handler runs in it, and server views
// keyed by the caller's tags split their rows by them.
// Run: npm run build && node examples/tag-propagation/tag-propagation.js
'use strict';
const grpc = require('@grpc/grpc-js');
const census = require('grpc-census');
const { FetchClient, FetchService } = require('../fetchit/proto');

const { Stats, TagMap, View, Aggregation, withTags, currentTags, encodeTags, decodeTags, encodeServerStats, decodeServerStats } = census;
const stats = new Stats();

// A server view keyed by the caller's `tenant` tag as well as the method.
const byTenant = new View({
  name: 'example.com/server_completed_by_tenant',
  description: 'Completed RPCs by tenant and method',
  measure: census.ServerLatency,
  aggregation: Aggregation.count(),
  tagKeys: ['tenant', census.KeyServerMethod],
});
stats.registerView(byTenant);

const server = census.createServer({ census: { stats } });
server.addService(FetchService, {
  async Capitalize(call, callback) {
    await new Promise((resolve) => setImmediate(resolve));
    // Still the propagated tags after an await, plus the method.
    console.log(`server sees ${JSON.stringify(currentTags().toObject())}`);
    callback(null, { id: call.request.id, data: Buffer.from(call.request.data.toString().toUpperCase()) });
  },
});

server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), async (err, port) => {
  if (err) throw err;
  const client = new FetchClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure(), census.clientOptions({ stats }));
  const capitalize = (id, text) =>
    new Promise((resolve, reject) => client.Capitalize({ id, data: Buffer.from(text) }, (e, r) => (e ? reject(e) : resolve(r))));

  const acme = TagMap.from({ tenant: 'acme' });
  // The two wire formats, encoded and decoded by hand (the plugin does this on every call).
  const tagsBin = encodeTags(acme);
  console.log(`grpc-tags-bin for ${JSON.stringify(acme.toObject())}: ${tagsBin.toString('hex')} → ${JSON.stringify(decodeTags(tagsBin).toObject())}`);
  const statsBin = encodeServerStats(2_500_000);
  console.log(`grpc-server-stats-bin for 2.5 ms: ${statsBin.toString('hex')} → ${decodeServerStats(statsBin)} ns`);
  await withTags(acme, () => capitalize(1, 'one'));
  await withTags(acme, () => capitalize(2, 'two'));
  await withTags(TagMap.from({ tenant: 'globex' }), () => capitalize(3, 'three'));
  await capitalize(4, 'untagged');

  client.close();
  server.tryShutdown(() => {
    for (const row of stats.retrieveData(byTenant)) console.log(`${JSON.stringify(row.tags)} ${row.data.value}`);
  });
});
