import * as grpc from '@grpc/grpc-js';
import { A66ClientViews, ClientCompletedRPCsView, DefaultClientViews, Stats, clientOptions } from '../../src';
import { table } from './helpers/a66';
import { echoClient, run, serveEcho } from './helpers/harness';

// Observing a channel's attempts (internals: clientAttempts) overrides a
// method of grpc-js's InternalChannel, which then wraps every attempt of the
// channel, views or not. So the plugin leaves grpc-js's channel as it is
// until an A66 attempt view is registered. This file registers no A66 view
// before that point (views are looked up across every Stats in the process,
// and jest gives each test file its own).

const ATTEMPTS = 'grpc.client.attempt.started';

/** Whether the grpc-js InternalChannel under `client` has the plugin's override of createLoadBalancingCall. */
function attemptsObserved(client: grpc.Client): boolean {
  const censusChannel = client.getChannel() as unknown as { inner: { internalChannel: object } };
  return Object.prototype.hasOwnProperty.call(censusChannel.inner.internalChannel, 'createLoadBalancingCall');
}

let server: grpc.Server;
let address: string;

beforeAll(async () => {
  server = new grpc.Server();
  address = await serveEcho(server);
});

afterAll(() => server.forceShutdown());

it("leaves grpc-js's channel untouched until an attempt view is registered, then records every attempt", async () => {
  const stats = new Stats();
  stats.registerView(...DefaultClientViews);
  const client = echoClient(address, clientOptions({ stats }));
  expect((await run(client, 'unary', [{ text: 'a' }])).code).toBe(0);
  expect(attemptsObserved(client)).toBe(false);
  expect(stats.retrieveData(ClientCompletedRPCsView).map((r) => r.data)).toEqual([{ type: 'count', value: 1 }]);

  stats.registerView(...A66ClientViews);
  expect((await run(client, 'unary', [{ text: 'b' }])).code).toBe(0);
  expect(attemptsObserved(client)).toBe(true);
  // The call made after the registration, with its one attempt seen below the retry layer.
  expect(table(stats, ATTEMPTS)).toEqual({ [`grpc.method=census.test.Echo/Unary,grpc.target=dns:///${address}`]: 1 });
  expect(stats.diagnostics.get('grpc.internalUnavailable.clientAttempts')).toBe(0);
  client.close();
});
