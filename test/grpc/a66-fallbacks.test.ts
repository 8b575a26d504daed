import * as grpc from '@grpc/grpc-js';
import { clientOptions, createServer } from '../../src';
import { simulateMissingInternal, type InternalName } from '../../src/grpc/grpcjs/internals';
import { GZIP, encodeMsg, statsWithA66, table } from './helpers/a66';
import { echoImpl, msgSize, type Msg } from './helpers/echo-service';
import { echoClient, run, serveEcho } from './helpers/harness';
import { waitFor } from './helpers/views';
import { takeProcessWarnings } from '../support/process-warnings';

// Each grpc-js internal the A66 recording relies on, taken away: the
// documented fallback is recorded, and the loss is reported once in diagnostics.

const UNARY = 'census.test.Echo/Unary';
const identity = (b: Buffer) => b;
let missing: InternalName | undefined;

function without(name: InternalName): void {
  missing = name;
  simulateMissingInternal(name);
}

afterEach(() => {
  if (missing !== undefined) simulateMissingInternal(missing, false);
  missing = undefined;
});

describe('A66 fallbacks', () => {
  // Each loss is also warned once (process warning, as no `warn` is passed): only that warning.
  afterEach(() => {
    for (const w of takeProcessWarnings()) expect(w).toMatchObject({ code: 'GRPC_CENSUS', message: expect.stringContaining(`lacks what the plugin reads as "${missing}"`) });
  });

  it('clientAttempts: each call is one attempt, sized with its serialized messages', async () => {
    without('clientAttempts');
    let flaky = 1;
    const server = new grpc.Server();
    const address = await serveEcho(server, {
      ...echoImpl,
      Unary(_call: grpc.ServerUnaryCall<Msg, Msg>, cb: grpc.sendUnaryData<Msg>) {
        if (flaky-- > 0) return cb({ code: grpc.status.UNAVAILABLE, details: 'again' }, null);
        cb(null, { text: 'ok' });
      },
    });
    const stats = statsWithA66();
    const serviceConfig = {
      methodConfig: [{ name: [{ service: 'census.test.Echo' }], retryPolicy: { maxAttempts: 3, initialBackoff: '0.01s', maxBackoff: '0.01s', backoffMultiplier: 1, retryableStatusCodes: ['UNAVAILABLE'] } }],
    };
    const c = echoClient(address, clientOptions({ stats }, { ...GZIP, 'grpc.service_config': JSON.stringify(serviceConfig) }));
    const text = 'z'.repeat(200);
    expect((await run(c, 'unary', [{ text }])).code).toBe(0);
    const t = `grpc.method=${UNARY},grpc.target=dns:///${address}`;
    expect(table(stats, 'grpc.client.attempt.started')).toEqual({ [t]: 1 });
    expect(table(stats, 'grpc.client.attempt.sent_total_compressed_message_size')).toEqual({ [`${t},grpc.status=OK`]: [1, encodeMsg(text).length] });
    expect(table(stats, 'grpc.client.attempt.rcvd_total_compressed_message_size')).toEqual({ [`${t},grpc.status=OK`]: [1, msgSize('ok')] });
    expect(stats.diagnostics.get('grpc.internalUnavailable.clientAttempts')).toBe(1);
    c.close();
    server.forceShutdown();
  });

  it('clientStubs: every method counts as declared, so generic calls are named', async () => {
    without('clientStubs');
    const server = new grpc.Server();
    const address = await serveEcho(server);
    const stats = statsWithA66();
    const generic = new grpc.Client(address, grpc.credentials.createInsecure(), clientOptions({ stats }));
    await new Promise((resolve) => generic.makeUnaryRequest(`/${UNARY}`, identity, identity, encodeMsg('a'), resolve));
    expect(table(stats, 'grpc.client.attempt.started')).toEqual({ [`grpc.method=${UNARY},grpc.target=dns:///${address}`]: 1 });
    expect(stats.diagnostics.get('grpc.internalUnavailable.clientStubs')).toBe(1);
    generic.close();
    server.forceShutdown();
  });

  it('serverReceivedFrames: received sizes are the serialized ones (here larger than what gzip sent)', async () => {
    without('serverReceivedFrames');
    const stats = statsWithA66();
    const server = createServer({ census: { stats } });
    const address = await serveEcho(server);
    const c = echoClient(address, GZIP);
    const text = 'y'.repeat(200);
    await run(c, 'unary', [{ text }]);
    await waitFor(() => stats.retrieveData('grpc.server.call.duration').length === 1, 'server end');
    expect(table(stats, 'grpc.server.call.rcvd_total_compressed_message_size')).toEqual({ [`grpc.method=${UNARY},grpc.status=OK`]: [1, encodeMsg(text).length] });
    expect(stats.diagnostics.get('grpc.internalUnavailable.serverReceivedFrames')).toBe(1);
    c.close();
    server.forceShutdown();
  });

  it('serverUnknownMethods: calls to unknown methods are not recorded', async () => {
    without('serverUnknownMethods');
    const stats = statsWithA66();
    const server = createServer({ census: { stats } });
    const address = await serveEcho(server);
    expect(stats.diagnostics.get('grpc.internalUnavailable.serverUnknownMethods')).toBe(1);
    const generic = new grpc.Client(address, grpc.credentials.createInsecure());
    const code = await new Promise((resolve) => generic.makeUnaryRequest('/x.Y/Z', identity, identity, Buffer.alloc(0), (err) => resolve(err?.code)));
    expect(code).toBe(grpc.status.UNIMPLEMENTED);
    expect(stats.retrieveData('grpc.server.call.started')).toEqual([]);
    generic.close();
    server.forceShutdown();
  });
});
