// The composable pieces, for programs that assemble grpc-js options
// themselves: `clientInterceptor()` in a client's `interceptors` and
// `serverInterceptor()` first in a server's `interceptors`, each beside an
// interceptor of the application's own. They measure RPCs, statuses,
// latency, message counts and propagate tags and server latency, but not
// bytes: those need the serialized buffers that only `clientOptions()` and
// `createServer()` see (see docs/grpc.md, "The composable pieces").
// Run: npm run build && node examples/composable/composable.js
'use strict';
const grpc = require('@grpc/grpc-js');
const census = require('grpc-census');
const { FetchClient, FetchService } = require('../fetchit/proto');

const { Stats, TagMap, withTags, currentTags } = census;
const stats = new Stats();
stats.registerView(...census.DefaultClientViews, ...census.ExtraClientViews, ...census.DefaultServerViews, ...census.ExtraServerViews);

// The application's own interceptors: one on each side, after the plugin's.
const logCalls = (options, nextCall) => {
  console.log(`client interceptor: ${options.method_definition.path}`);
  return new grpc.InterceptingCall(nextCall(options));
};
const requireTenant = (methodDescriptor, call) =>
  new grpc.ServerInterceptingCall(call, {
    start(next) {
      next({
        onReceiveMetadata(metadata, mdNext) {
          // Runs after the plugin's interceptor, which sits nearest the wire (first in the list).
          console.log(`server interceptor: ${methodDescriptor.path} tenant=${metadata.get('x-tenant')[0] ?? '-'}`);
          mdNext(metadata);
        },
      });
    },
  });

const server = new grpc.Server({ interceptors: [census.serverInterceptor({ stats }), requireTenant] });
server.addService(FetchService, {
  Capitalize(call, callback) {
    console.log(`handler sees ${JSON.stringify(currentTags().toObject())}`);
    if (call.request.data.length === 0) return callback({ code: grpc.status.INVALID_ARGUMENT, details: 'empty data' });
    callback(null, { id: call.request.id, data: Buffer.from(call.request.data.toString().toUpperCase()) });
  },
});

server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), async (err, port) => {
  if (err) throw err;
  const client = new FetchClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure(), { interceptors: [census.clientInterceptor({ stats }), logCalls] });
  const capitalize = (id, text) =>
    new Promise((resolve) => {
      const metadata = new grpc.Metadata();
      metadata.set('x-tenant', 'acme');
      client.Capitalize({ id, data: Buffer.from(text) }, metadata, (e, reply) => resolve(e ? `error ${grpc.status[e.code]}` : reply.data.toString()));
    });

  await withTags(TagMap.from({ tenant: 'acme' }), async () => {
    console.log(`reply ${await capitalize(1, 'hello')}`);
    console.log(`reply ${await capitalize(2, '')}`);
  });

  client.close();
  server.tryShutdown(() => {
    const show = (view) => {
      const rows = stats.retrieveData(view);
      const text = rows.map((r) => `${Object.values(r.tags).join(' ')}: ${r.data.type === 'distribution' ? `count ${r.data.count}` : r.data.value}`);
      console.log(`${view.name}: ${text.length ? text.join('; ') : 'no rows'}`);
    };
    for (const view of [
      census.ClientCompletedRPCsView,
      census.ClientSentMessagesPerRPCView,
      census.ClientServerLatencyView,
      census.ClientSentBytesPerRPCView,
      census.ServerCompletedRPCsView,
      census.ServerReceivedBytesPerRPCView,
    ]) show(view);
  });
});
