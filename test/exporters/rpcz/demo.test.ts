import { spawn } from 'node:child_process';
import type { RpczReport } from '../../../src';
import { ROOT, requireBuiltDist } from '../../support/run-node';
import { fetchText } from '../../support/http';

test('npm start (examples/demo) prints the /rpcz address beside /metrics and serves the page there', async () => {
  requireBuiltDist();
  const child = spawn(process.execPath, ['examples/demo/demo.js', '--duration', '3', '--port', '0'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const kill = setTimeout(() => child.kill('SIGKILL'), 30_000);
  try {
    const page = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (c: Buffer) => {
        stdout += c.toString();
        const m = /metrics: http:\/\/127\.0\.0\.1:\d+\/metrics, live page: (http:\/\/127\.0\.0\.1:\d+\/rpcz)\n/.exec(stdout);
        if (m) resolve(m[1]);
      });
      void exited.then(() => reject(new Error(`the demo exited before printing its addresses:\n${stdout}\n${stderr}`)));
    });
    // Wait for the first table (a second of traffic), then read the page while the demo runs.
    await new Promise<void>((resolve) => {
      const check = () => (stdout.includes('client method') ? resolve() : setTimeout(check, 50));
      check();
    });
    const html = await fetchText(page);
    expect(html.status).toBe(200);
    expect(html.body).toContain('data-method="rpc.Fetch/Capitalize"');
    const report = JSON.parse((await fetchText(`${page}.json`)).body) as RpczReport;
    expect(report.missingViews).toEqual([]);
    expect(report.rows.filter((r) => r.method === 'rpc.Fetch/Capitalize').map((r) => r.side).sort()).toEqual(['client', 'server']);
    expect(await exited).toBe(0);
  } finally {
    clearTimeout(kill);
  }
  expect(stderr).toBe('');
});
