import { join } from 'node:path';
import { cleanRun, requireBuiltDist, runNode } from '../support/run-node';

// Whole processes, as users run them: plain `node` loading grpc-census from
// dist/ (run `npm run build` first). Nothing of ours may keep a process alive
// once the application closed what it opened: a child that does not exit by
// itself hits the timeout and fails with SIGTERM.
const runChild = (file: string, args: string[] = [], nodeFlags: string[] = []) =>
  runNode(join(__dirname, 'fixtures', file), { args, nodeFlags });

beforeAll(requireBuiltDist);

describe('timers, handles and shutdown', () => {
  it('an application with views, a 20 ms exporter, a stopped Prometheus server and closed gRPC ends by itself; flush exported the last interval', async () => {
    const run = await runChild('app-lifecycle.js');
    expect(run).toEqual(cleanRun([JSON.stringify({ scraped: 200, rpcs: 50, lastExportedCompleted: 50 })]));
  });

  it('flush() on shutdown exports what the current interval recorded', async () => {
    expect(await runChild('flush-on-shutdown.js', ['flush'])).toMatchObject({ code: 0, signal: null, stdout: '{"exported":7}\n' });
  });

  it('without flush() the process still exits at once (the 10 s timer does not hold it) and that interval is never exported', async () => {
    expect(await runChild('flush-on-shutdown.js')).toMatchObject({ code: 0, signal: null, stdout: '{"exported":0}\n' });
  });

  it('unregisterExporter stops the calls and releases the timer: the Stats and the exporter can be collected', async () => {
    const run = await runChild('exporter-release.js', ['unregister'], ['--expose-gc']);
    expect(run).toMatchObject({ code: 0, signal: null, stderr: '' });
    expect(JSON.parse(run.stdout)).toEqual({ calledBefore: true, calledAfter: false, collected: [true, true] });
  });

  it('a registered exporter keeps being called (so its timer holds the Stats) yet does not keep the process alive', async () => {
    const run = await runChild('exporter-release.js', ['keep'], ['--expose-gc']);
    expect(run).toMatchObject({ code: 0, signal: null, stderr: '' });
    expect(JSON.parse(run.stdout)).toEqual({ calledBefore: true, calledAfter: true, collected: [false, false] });
  });
});
