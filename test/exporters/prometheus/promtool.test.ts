import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { Aggregation, Stats, View, type PrometheusExporter } from '../../../src';
import { client } from './fixtures/grpc-views';
import { recordTraffic } from './fixtures/traffic';
import { setup } from './helpers';

const PROMTOOL = '/usr/bin/promtool';
const available = existsSync(PROMTOOL);
if (!available && process.env.CI) throw new Error(`${PROMTOOL} is required in CI (apt-get install prometheus)`);
if (!available) console.warn(`\n\n*** ${PROMTOOL} not found: SKIPPING the promtool checks (install the Debian prometheus package) ***\n`);
const maybe = available ? test : test.skip;

/** promtool's verdict: exit status (0 clean, 3 lint problems, 1 unparsable) and its problem lines. */
function promtool(text: string): { status: number | null; problems: string[] } {
  const r = spawnSync(PROMTOOL, ['check', 'metrics'], { input: text, encoding: 'utf8' });
  return { status: r.status, problems: `${r.stdout}${r.stderr}`.split('\n').filter((l) => l.trim() !== '') };
}

let exporter: PrometheusExporter | undefined;
afterEach(() => exporter?.stop());

function exposition(naming: 'opencensus' | 'prometheus'): Promise<string> {
  const s = setup({ naming, stats: new Stats({ warn: () => {} }) });
  exporter = s.exporter;
  recordTraffic(s.stats);
  s.stats.registerView(new View({ name: 'promtool.test/latency_percentiles', measure: client.measures.latency, aggregation: Aggregation.distribution([1, 10], { percentiles: true }), tagKeys: [client.method] }));
  s.stats.record(client.measures.latency.m(3));
  return s.exporter.metrics();
}

maybe("'prometheus' naming: promtool check metrics passes with no warning", async () => {
  const text = await exposition('prometheus');
  expect(text).toContain('grpc_io_client_roundtrip_latency_seconds_bucket{');
  expect(promtool(text)).toEqual({ status: 0, problems: [] });
});

maybe("'opencensus' naming: valid exposition; the only complaints are counters without _total (opencensus-go's names)", async () => {
  const text = await exposition('opencensus');
  const { status, problems } = promtool(text);
  expect(status).toBe(3); // lint problems, not a parse error (1)
  expect(problems.sort()).toEqual(
    ['grpc_io_client_completed_rpcs', 'grpc_io_client_started_rpcs', 'grpc_io_server_completed_rpcs', 'grpc_io_server_started_rpcs'].map(
      (n) => `${n} counter metrics should have "_total" suffix`,
    ),
  );
});
