import type * as grpc from '@grpc/grpc-js';
import { DefaultClientViews, DefaultServerViews, ExtraServerViews, clientOptions, createServer, type Stats, type View } from '../../../src';
import { echoClient, run, serveEcho } from '../../grpc/helpers/harness';

/** The OpenCensus gRPC views the OTel tests register: the spec's defaults and the server extras. */
export const OC_VIEWS: View[] = [...DefaultClientViews, ...DefaultServerViews, ...ExtraServerViews];

/** What `makeCalls` did. */
export interface Calls {
  ok: number;
  notFound: number;
}

/**
 * Real gRPC on 127.0.0.1: an instrumented grpc-js server and client recording
 * into `stats`, `ok` successful unary calls and `notFound` failing ones, each
 * awaited until its status reached the client; then both are shut down.
 */
export async function makeCalls(stats: Stats, calls: Calls = { ok: 7, notFound: 3 }): Promise<Calls> {
  const server = createServer({ census: { stats } });
  const address = await serveEcho(server);
  const client = echoClient(address, clientOptions({ stats }));
  try {
    for (let i = 0; i < calls.ok; i++) await run(client, 'unary', [{ text: 'hello' }]);
    for (let i = 0; i < calls.notFound; i++) await run(client, 'unary', [{ text: 'error:5' }]);
  } finally {
    client.close();
    await new Promise<void>((resolve) => (server as grpc.Server).tryShutdown(() => resolve()));
  }
  return calls;
}
