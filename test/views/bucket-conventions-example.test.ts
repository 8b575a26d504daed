import { cleanRun, requireBuiltDist, runExample } from '../support/run-node';

// examples/core/bucket-conventions.js runs as a user runs it (plain node,
// grpc-census from dist/) and must print exactly this.
beforeAll(requireBuiltDist);

it('examples/core/bucket-conventions.js shows both conventions giving the same ≤ counts', async () => {
  expect(await runExample('core', 'bucket-conventions.js')).toEqual(
    cleanRun([
      'duration/opencensus: distribution([0.005, 0.01, 0.1])',
      '  bucketBounds [0.005,0.01,0.1]',
      '  bucketCounts [1,3,0,2]  boundCounts [2,0,1]',
      '  ≤ bound      [3,4,5]  (+Inf: 6)',
      'duration/a66: distribution([0, 0.005, 0.01, 0.1], { upperInclusive: true })',
      '  bucketBounds [0,0.005,0.01,0.1]',
      '  bucketCounts [1,2,1,1,1]  boundCounts [1,2,0,1]',
      '  ≤ bound      [1,3,4,5]  (+Inf: 6)',
    ]),
  );
});
