import { cleanRun, runExample } from '../support/run-node';

it('examples/lean-server: no handler tag context, no server-latency trailer; tags still reach the views', async () => {
  expect(await runExample('lean-server', 'lean-server.js')).toEqual(
    cleanRun([
      'handler sees {}',
      'reply HELLO',
      'trailers []',
      'server view {"tenant":"acme","grpc_server_method":"rpc.Fetch/Capitalize"} 1',
      'client completed_rpcs 1, server completed_rpcs 1',
      'client server_latency rows 0',
    ]),
  );
});
