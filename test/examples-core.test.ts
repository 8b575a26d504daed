import { cleanRun, requireBuiltDist, runExample as runAnyExample } from './support/run-node';

// The examples under examples/core run as users run them: plain `node`, the
// package resolved through its own `exports` to dist/ (so `npm run build`
// first, as `npm test` does). Each must print exactly what is pinned here and
// exit by itself: a timer that kept the process alive would hit the timeout.
const runExample = (file: string) => runAnyExample('core', file);

beforeAll(requireBuiltDist);

describe('examples/core', () => {
  it('basics.js prints the rows of both views', async () => {
    const run = await runExample('basics.js');
    expect(run).toEqual(
      cleanRun([
        'example.com/request_latency',
        '  {"route":"/home","status":"OK"} {"count":2,"mean":52.25,"min":4.5,"max":100,"bucketCounts":[1,0,1,0]}',
        '  {"route":"/cart","status":"ERROR"} {"count":1,"mean":1500,"min":1500,"max":1500,"bucketCounts":[0,0,0,1]}',
        'example.com/requests',
        '  {"route":"/home"} {"type":"count","value":2}',
        '  {"route":"/cart"} {"type":"count","value":1}',
      ]),
    );
  });

  it('exporter.js prints cumulative view data on each flush and exits with its exporter still registered', async () => {
    const run = await runExample('exporter.js');
    expect(run).toEqual(
      cleanRun([
        '--- flush 1',
        'example.com/response_bytes [distribution([1024, 65536])] over 5s: 2 row(s)',
        '  {"route":"/home"} count=2 sum=2560 buckets=1,1,0',
        '  {"route":"/download"} count=1 sum=100000 buckets=0,0,1',
        'example.com/responses [count()] over 5s: 2 row(s)',
        '  {"route":"/home"} 2',
        '  {"route":"/download"} 1',
        'example.com/errors [sum()] over 5s: 0 row(s)',
        '--- flush 2 (cumulative)',
        'example.com/response_bytes [distribution([1024, 65536])] over 10s: 2 row(s)',
        '  {"route":"/home"} count=3 sum=3584 buckets=1,2,0',
        '  {"route":"/download"} count=1 sum=100000 buckets=0,0,1',
        'example.com/responses [count()] over 10s: 2 row(s)',
        '  {"route":"/home"} 3',
        '  {"route":"/download"} 1',
        'example.com/errors [sum()] over 10s: 0 row(s)',
      ]),
    );
  });

  it('percentiles-and-limits.js prints percentiles, the overflow row, diagnostics and one warning', async () => {
    const run = await runExample('percentiles-and-limits.js');
    expect(run).toEqual(
      cleanRun([
        '{"user":"user-1"} count=200 p50=49.631 p99=98.623 max=99.6',
        '{"user":"user-2"} count=200 p50=49.727 p99=98.751 max=99.7',
        '{"user":"user-3"} count=200 p50=49.823 p99=98.815 max=99.8',
        '{"census_overflow":"true"} count=400 p50=50.015 p99=99.007 max=100',
        'diagnostics {"overflowMeasurements":400,"rejectedMeasurements":1}',
        'warnings 1: grpc-census: view "example.com/percentile_latency" reached its limit of 3 rows',
      ]),
    );
  });

  it('querying-views.js prints the view start, exact per-bound counts, the subscription events and the unregistered view', async () => {
    expect(await runExample('querying-views.js')).toEqual(
      cleanRun([
        'registered example.com/response_size',
        'cumulative since 2026-01-01T00:00:00.000Z',
        '/a count=3 buckets=0,3,0 bounds hit=2,0 ≤100: 2 ≤1000: 3',
        '/b count=2 buckets=0,0,2 bounds hit=0,1 ≤100: 0 ≤1000: 1',
        'unregistered example.com/response_size',
        'registered views: 0',
        'retrieveData after unregistering: View "example.com/response_size" is not registered',
      ]),
    );
  });
});
