import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { requireBuiltDist, ROOT, runNode } from '../support/run-node';

// `npm start` when its metrics port is taken (a second demo, a Prometheus
// exporter): one line saying what to do, no stack trace, exit code 1.
const demo = join(ROOT, 'examples', 'demo', 'demo.js');

let busy: Server;
let busyPort: number;

beforeAll(async () => {
  requireBuiltDist();
  busy = createServer();
  await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
  busyPort = (busy.address() as { port: number }).port;
});

afterAll(() => new Promise<void>((resolve) => busy.close(() => resolve())));

test('a metrics port in use: one line pointing at --port 0, exit code 1, no stack trace', async () => {
  const run = await runNode(demo, { args: ['--duration', '1', '--port', String(busyPort)] });
  expect(run).toEqual({
    code: 1,
    signal: null,
    stdout: '',
    stderr: `grpc-census demo: port ${busyPort} is already in use (another demo or Prometheus exporter?): run it with --port 0 for any free port, or --port <another port> (npm start -- --port 0)\n`,
  });
});

test('a malformed option: one line, exit code 1', async () => {
  const run = await runNode(demo, { args: ['--port', 'http'] });
  expect(run).toEqual({ code: 1, signal: null, stdout: '', stderr: 'grpc-census demo: --port expects a non-negative number, got http\n' });
});
