import { cleanRun, requireBuiltDist, runNode } from '../../support/run-node';

test('examples/rpcz/rpcz.js --duration 1 --port 0: the page in its own HTTP server, a known batch in /rpcz.json, a clean exit', async () => {
  requireBuiltDist();
  const run = await runNode('examples/rpcz/rpcz.js', { args: ['--duration', '1', '--port', '0'] });
  expect({ ...run, stdout: run.stdout.replace(/127\.0\.0\.1:\d+/g, '127.0.0.1:PORT') }).toEqual(
    cleanRun([
      'rpcz: http://127.0.0.1:PORT/rpcz (JSON: http://127.0.0.1:PORT/rpcz.json)',
      'after the first batch, /rpcz.json says:',
      '  server example.Greeter/SayHello       12 calls, 2 errors (NOT_FOUND 2), 0 in flight',
      '  server example.Greeter/ListGreetings  3 calls, 0 errors, 0 in flight',
      '  client example.Greeter/SayHello       12 calls, 2 errors (NOT_FOUND 2), 0 in flight',
      '  client example.Greeter/ListGreetings  3 calls, 0 errors, 0 in flight',
      'stopped cleanly',
    ]),
  );
});
