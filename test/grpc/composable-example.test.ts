import { cleanRun, runExample } from '../support/run-node';

it('examples/composable: the interceptors beside the application\'s own measure everything but bytes', async () => {
  expect(await runExample('composable', 'composable.js')).toEqual(
    cleanRun([
      'client interceptor: /rpc.Fetch/Capitalize',
      'server interceptor: /rpc.Fetch/Capitalize tenant=acme',
      'handler sees {"tenant":"acme","grpc_server_method":"rpc.Fetch/Capitalize"}',
      'reply HELLO',
      'client interceptor: /rpc.Fetch/Capitalize',
      'server interceptor: /rpc.Fetch/Capitalize tenant=acme',
      'handler sees {"tenant":"acme","grpc_server_method":"rpc.Fetch/Capitalize"}',
      'reply error INVALID_ARGUMENT',
      'grpc.io/client/completed_rpcs: rpc.Fetch/Capitalize OK: 1; rpc.Fetch/Capitalize INVALID_ARGUMENT: 1',
      'grpc.io/client/sent_messages_per_rpc: rpc.Fetch/Capitalize: count 2',
      'grpc.io/client/server_latency: no rows',
      'grpc.io/client/sent_bytes_per_rpc: no rows',
      'grpc.io/server/completed_rpcs: rpc.Fetch/Capitalize OK: 1; rpc.Fetch/Capitalize INVALID_ARGUMENT: 1',
      'grpc.io/server/received_bytes_per_rpc: no rows',
    ]),
  );
});
