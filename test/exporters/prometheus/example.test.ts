import { requireBuiltDist, runNode } from '../../support/run-node';

/** Runs the example for one scrape (with `args`), checks it exited 0, and returns its output with the port made fixed. */
async function scrapeOnce(...args: string[]): Promise<string> {
  requireBuiltDist();
  const { code, stdout } = await runNode('examples/prometheus/prometheus.js', { args: ['--port', '0', '--once', ...args] });
  expect(code).toBe(0);
  return stdout.replace(/127\.0\.0\.1:\d+/, '127.0.0.1:PORT');
}

test('examples/prometheus/prometheus.js prints one scrape of its views beside prom-client metrics', async () => {
  expect(await scrapeOnce()).toBe(
    [
      'serving http://127.0.0.1:PORT/metrics',
      'example_build_info{version="1.0.0"} 1',
      '# HELP example_com_requests Requests by route',
      '# TYPE example_com_requests counter',
      'example_com_requests{route="/home"} 2',
      'example_com_requests{route="/search"} 2',
      '# HELP example_com_request_latency Time to serve a request',
      '# TYPE example_com_request_latency histogram',
      'example_com_request_latency_bucket{route="/home",le="5"} 2',
      'example_com_request_latency_bucket{route="/home",le="10"} 2',
      'example_com_request_latency_bucket{route="/home",le="50"} 2',
      'example_com_request_latency_bucket{route="/home",le="100"} 2',
      'example_com_request_latency_bucket{route="/home",le="+Inf"} 2',
      'example_com_request_latency_sum{route="/home"} 9',
      'example_com_request_latency_count{route="/home"} 2',
      'example_com_request_latency_bucket{route="/search",le="5"} 0',
      'example_com_request_latency_bucket{route="/search",le="10"} 0',
      'example_com_request_latency_bucket{route="/search",le="50"} 1',
      'example_com_request_latency_bucket{route="/search",le="100"} 1',
      'example_com_request_latency_bucket{route="/search",le="+Inf"} 2',
      'example_com_request_latency_sum{route="/search"} 162',
      'example_com_request_latency_count{route="/search"} 2',
      'prom-client default metrics in the same scrape: true',
      '',
    ].join('\n'),
  );
});

test('examples/prometheus/prometheus.js --naming prometheus: units in the names, seconds, _total', async () => {
  expect(await scrapeOnce('--naming', 'prometheus')).toBe(
    [
      'serving http://127.0.0.1:PORT/metrics',
      'example_build_info{version="1.0.0"} 1',
      '# HELP example_com_requests_total Requests by route',
      '# TYPE example_com_requests_total counter',
      'example_com_requests_total{route="/home"} 2',
      'example_com_requests_total{route="/search"} 2',
      '# HELP example_com_request_latency_seconds Time to serve a request',
      '# TYPE example_com_request_latency_seconds histogram',
      'example_com_request_latency_seconds_bucket{route="/home",le="0.005"} 2',
      'example_com_request_latency_seconds_bucket{route="/home",le="0.01"} 2',
      'example_com_request_latency_seconds_bucket{route="/home",le="0.05"} 2',
      'example_com_request_latency_seconds_bucket{route="/home",le="0.1"} 2',
      'example_com_request_latency_seconds_bucket{route="/home",le="+Inf"} 2',
      'example_com_request_latency_seconds_sum{route="/home"} 0.009',
      'example_com_request_latency_seconds_count{route="/home"} 2',
      'example_com_request_latency_seconds_bucket{route="/search",le="0.005"} 0',
      'example_com_request_latency_seconds_bucket{route="/search",le="0.01"} 0',
      'example_com_request_latency_seconds_bucket{route="/search",le="0.05"} 1',
      'example_com_request_latency_seconds_bucket{route="/search",le="0.1"} 1',
      'example_com_request_latency_seconds_bucket{route="/search",le="+Inf"} 2',
      'example_com_request_latency_seconds_sum{route="/search"} 0.162',
      'example_com_request_latency_seconds_count{route="/search"} 2',
      'prom-client default metrics in the same scrape: true',
      '',
    ].join('\n'),
  );
});
