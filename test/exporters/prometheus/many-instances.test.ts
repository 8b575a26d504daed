import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { ROOT, requireBuiltDist } from '../../support/run-node';
import { requireBinary } from './fixtures/binaries';
import { PrometheusServer, freePort } from './fixtures/prometheus-server';

// Issue 12: three instances of an instrumented service, each with its own
// /metrics, and one real Prometheus scraping all three: PromQL sums give the
// calls made across instances, and quantiles over the summed buckets work.

jest.setTimeout(90_000);

const SERVICE = join(ROOT, 'examples', 'instances', 'service.js');

interface Instance {
  child: ChildProcess;
  metricsPort: number;
  calls: number;
  exited: Promise<{ code: number | null; signal: string | null; stderr: string }>;
}

/** Starts examples/instances/service.js and resolves once it made its calls. Its --lifetime bounds it if the test dies. */
function startInstance(calls: number, metricsPort: number): Promise<Instance> {
  const child = spawn(process.execPath, [SERVICE, '--metrics-port', String(metricsPort), '--calls', String(calls), '--lifetime', '80'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  const exited = new Promise<{ code: number | null; signal: string | null; stderr: string }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, stderr })));
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (c: Buffer) => {
      stdout += c.toString();
      const m = /ready grpc=\d+ metrics=(\d+) calls=(\d+)/.exec(stdout);
      if (m) resolve({ child, metricsPort: Number(m[1]), calls: Number(m[2]), exited });
    });
    void exited.then(({ code }) => reject(new Error(`instance exited (${code}) before it was ready: ${stdout}${stderr}`)));
  });
}

let prometheus: PrometheusServer | undefined;
const instances: Instance[] = [];
afterAll(async () => {
  await prometheus?.stop();
  for (const i of instances) i.child.kill('SIGKILL');
});

test('3 instances scraped by one Prometheus: sum by method = calls made across instances; histogram_quantile over summed buckets is finite', async () => {
  requireBuiltDist();
  // Every fifth call fails with INVALID_ARGUMENT: 7 → 6 OK + 1, 10 → 8 + 2, 12 → 10 + 2.
  // Prometheus starts while the instances do (it retries targets that are not up yet).
  const ports = await Promise.all([0, 1, 2].map(() => freePort()));
  prometheus = await PrometheusServer.start({ 'fetch-service': ports });
  const p = prometheus;
  instances.push(...(await Promise.all([7, 10, 12].map((calls, i) => startInstance(calls, ports[i])))));
  const total = instances.reduce((n, i) => n + i.calls, 0);
  const failed = instances.reduce((n, i) => n + Math.floor(i.calls / 5), 0);
  const query = 'sum by (grpc_server_method) (grpc_io_server_completed_rpcs)';
  await p.waitFor('all three instances scraped', async () => {
    const up = await p.query('up');
    return up.length === 3 && up.every((s) => s.value[1] === '1') && (await p.query('count(grpc_io_server_completed_rpcs{grpc_server_status="OK"})'))[0]?.value[1] === '3';
  });

  expect((await p.query(query)).map((s) => [s.metric, Number(s.value[1])])).toEqual([[{ grpc_server_method: 'rpc.Fetch/Capitalize' }, total]]);
  const byStatus = await p.query('sum by (grpc_server_status) (grpc_io_server_completed_rpcs)');
  expect(Object.fromEntries(byStatus.map((s) => [s.metric.grpc_server_status, Number(s.value[1])]))).toEqual({ OK: total - failed, INVALID_ARGUMENT: failed });
  // Each instance is its own series (the `instance` label Prometheus adds): no collisions, three of them.
  expect((await p.query('grpc_io_server_started_rpcs')).map((s) => Number(s.value[1])).sort((a, b) => a - b)).toEqual([7, 10, 12]);
  // Client-side views of the same calls agree.
  expect(Number((await p.query('sum(grpc_io_client_completed_rpcs)'))[0].value[1])).toBe(total);

  for (const q of [
    'histogram_quantile(0.5, sum by (le) (grpc_io_server_server_latency_bucket))',
    'histogram_quantile(0.99, sum by (le, grpc_server_method) (grpc_io_server_server_latency_bucket))',
  ]) {
    const r = await p.query(q);
    expect(r).toHaveLength(1);
    const v = Number(r[0].value[1]);
    expect(Number.isFinite(v)).toBe(true);
    expect(v).toBeGreaterThan(0);
  }
  // Every request is at most 10 bytes: all of them are in the first bucket, summed exactly.
  expect(Number((await p.query('sum(grpc_io_server_received_bytes_per_rpc_bucket{le="1024"})'))[0].value[1])).toBe(total);

  // The instances shut down cleanly on SIGTERM.
  for (const i of instances) i.child.kill('SIGTERM');
  expect(await Promise.all(instances.map((i) => i.exited))).toEqual(instances.map(() => ({ code: 0, signal: null, stderr: '' })));
});

test('the recommended scrape configuration in examples/instances/prometheus.yml is valid', () => {
  const r = spawnSync(requireBinary('promtool'), ['check', 'config', join(ROOT, 'examples', 'instances', 'prometheus.yml')], { encoding: 'utf8' });
  expect({ status: r.status, out: r.stdout.trim() }).toEqual({ status: 0, out: expect.stringContaining('SUCCESS') });
});
