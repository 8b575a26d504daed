import { cleanRun, runExample } from '../support/run-node';

it('examples/tag-propagation: the handler sees the caller tags and the server view splits by them', async () => {
  expect(await runExample('tag-propagation', 'tag-propagation.js')).toEqual(
    cleanRun([
      'grpc-tags-bin for {"tenant":"acme"}: 00000674656e616e740461636d65 → {"tenant":"acme"}',
      'grpc-server-stats-bin for 2.5 ms: 0000a025260000000000 → 2500000 ns',
      'server sees {"tenant":"acme","grpc_server_method":"rpc.Fetch/Capitalize"}',
      'server sees {"tenant":"acme","grpc_server_method":"rpc.Fetch/Capitalize"}',
      'server sees {"tenant":"globex","grpc_server_method":"rpc.Fetch/Capitalize"}',
      'server sees {"grpc_server_method":"rpc.Fetch/Capitalize"}',
      '{"tenant":"acme","grpc_server_method":"rpc.Fetch/Capitalize"} 2',
      '{"tenant":"globex","grpc_server_method":"rpc.Fetch/Capitalize"} 1',
      '{"grpc_server_method":"rpc.Fetch/Capitalize"} 1',
    ]),
  );
});
