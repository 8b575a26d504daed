import { join } from 'node:path';
import { runNode } from '../support/run-node';

// examples/tag-propagation runs as a user runs it (node, package resolved to dist/).
const EXAMPLE = join(__dirname, '..', '..', 'examples', 'tag-propagation', 'tag-propagation.js');

it('examples/tag-propagation: the handler sees the caller tags and the server view splits by them', async () => {
  const run = await runNode(EXAMPLE);
  expect(run).toEqual({
    code: 0,
    signal: null,
    stderr: '',
    stdout: [
      'grpc-tags-bin for {"tenant":"acme"}: 00000674656e616e740461636d65',
      'server sees {"tenant":"acme","grpc_server_method":"rpc.Fetch/Capitalize"}',
      'server sees {"tenant":"acme","grpc_server_method":"rpc.Fetch/Capitalize"}',
      'server sees {"tenant":"globex","grpc_server_method":"rpc.Fetch/Capitalize"}',
      'server sees {"grpc_server_method":"rpc.Fetch/Capitalize"}',
      '{"tenant":"acme","grpc_server_method":"rpc.Fetch/Capitalize"} 2',
      '{"tenant":"globex","grpc_server_method":"rpc.Fetch/Capitalize"} 1',
      '{"grpc_server_method":"rpc.Fetch/Capitalize"} 1',
      '',
    ].join('\n'),
  });
});
