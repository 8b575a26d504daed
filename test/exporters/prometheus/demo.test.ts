import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fetchText } from '../../support/http';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');

async function scrape(url: string): Promise<{ status: number; type: string; body: string }> {
  const { status, headers, body } = await fetchText(url);
  return { status, type: String(headers['content-type']), body };
}

/** The value of the one sample line starting with `prefix` (labels included), summed if several match. */
function sampleSum(text: string, prefix: string): number {
  return text
    .split('\n')
    .filter((l) => l.startsWith(prefix))
    .reduce((sum, l) => sum + Number(l.slice(l.lastIndexOf(' ') + 1)), 0);
}

test('examples/demo/demo.js --duration 3 --port 0: live table, a scrape during the run, a clean exit', async () => {
  if (!existsSync(join(ROOT, 'dist', 'index.js'))) throw new Error('dist/ is missing: run `npm run build` first');
  const child = spawn(process.execPath, ['examples/demo/demo.js', '--duration', '3', '--port', '0'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (c: Buffer) => {
      stdout += c.toString();
      const m = /metrics: (http:\/\/127\.0\.0\.1:\d+\/metrics)/.exec(stdout);
      if (m) resolve(m[1]);
    });
    void exited.then(() => reject(new Error(`demo exited before printing its metrics URL:\n${stdout}\n${stderr}`)));
  });
  // Wait for the first table (one second of traffic), then scrape while the demo runs.
  const kill = setTimeout(() => child.kill('SIGKILL'), 30000);
  try {
    await new Promise<void>((resolve) => {
      const check = () => (stdout.includes('client method') ? resolve() : setTimeout(check, 50));
      check();
    });
    const res = await scrape(url);
    expect(res.status).toBe(200);
    expect(res.type).toBe('text/plain; version=0.0.4; charset=utf-8');
    expect(sampleSum(res.body, 'grpc_io_client_completed_rpcs{grpc_client_method="rpc.Fetch/Capitalize",grpc_client_status="OK"}')).toBeGreaterThan(0);
    // A call is started before it completes (client and server, which share one Stats here).
    const started = sampleSum(res.body, 'grpc_io_client_started_rpcs{grpc_client_method="rpc.Fetch/Capitalize"}');
    expect(sampleSum(res.body, 'grpc_io_client_completed_rpcs{grpc_client_method="rpc.Fetch/Capitalize"')).toBeLessThanOrEqual(started);
    expect(res.body).toContain('# TYPE grpc_io_client_roundtrip_latency histogram\n');
    expect(res.body).toContain('# TYPE demo_client_roundtrip_latency_quantiles summary\n');
    expect(res.body).toMatch(/\nprocess_cpu_user_seconds_total \d/);
    // Every unary RPC sends one message: exact le="1" equals the count.
    const sent = 'grpc_io_client_sent_messages_per_rpc';
    const m = 'grpc_client_method="rpc.Fetch/Capitalize"';
    expect(sampleSum(res.body, `${sent}_bucket{${m},le="1"}`)).toBe(sampleSum(res.body, `${sent}_count{${m}}`));

    expect(await exited).toBe(0);
  } finally {
    clearTimeout(kill);
  }
  expect(stderr).toBe('');
  expect(stdout).toMatch(/client method\s+calls\/s\s+total\s+p50 ms\s+p99 ms\s+errors by status/);
  expect(stdout).toMatch(/\nrpc\.Fetch\/Capitalize\s+\d+\.\d\s+\d+\s+\d+\.\d\d\s+\d+\.\d\d\s+/);
  expect(stdout).toMatch(/\nrpc\.Fetch\/CapitalizeWords\s+\d+\.\d/);
  // ~150 calls with 8% INVALID_ARGUMENT: the last table shows some.
  expect(stdout.slice(stdout.lastIndexOf('client method'))).toMatch(/INVALID_ARGUMENT \d+/);
  expect(stdout).toMatch(/server: \d+ RPCs completed, \d+ with an error status/);
  expect(stdout.trimEnd().endsWith('stopped cleanly')).toBe(true);
});
