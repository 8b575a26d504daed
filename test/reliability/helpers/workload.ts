import type * as grpc from '@grpc/grpc-js';
import { DefaultClientViews, DefaultServerViews, ExtraClientViews, ExtraServerViews, type Stats } from '../../../src';
import { run, type Outcome } from '../../grpc/helpers/harness';

/** One RPC of the echo service (see test/grpc/helpers/echo-service.ts for what each text does). */
export type Workload = readonly { kind: 'unary' | 'clientStream' | 'serverStream' | 'bidi'; send: string[] }[];

/** Every kind of RPC, OK and failing: each status path of the plugin. */
export const WORKLOAD: Workload = [
  { kind: 'unary', send: ['abc'] },
  { kind: 'unary', send: ['error:5'] },
  { kind: 'unary', send: ['throw'] },
  { kind: 'clientStream', send: ['a', 'bc'] },
  { kind: 'serverStream', send: ['many:3'] },
  { kind: 'serverStream', send: ['error:9'] },
  { kind: 'bidi', send: ['x', 'yz', 'w'] },
];

/** Runs `work` one RPC after the other on `client`. */
export async function runWorkload(client: grpc.Client, work: Workload): Promise<Outcome[]> {
  const out: Outcome[] = [];
  for (const rpc of work) out.push(await run(client, rpc.kind, rpc.send.map((text) => ({ text }))));
  return out;
}

/** `stats` with all 15 gRPC views registered. */
export function registerAllViews(stats: Stats): Stats {
  stats.registerView(...DefaultClientViews, ...ExtraClientViews, ...DefaultServerViews, ...ExtraServerViews);
  return stats;
}

/**
 * Every registered view's rows, comparable across runs: counts, sums and
 * buckets exactly, except that latency values (which differ run to run) are
 * reduced to their count.
 */
export function viewSummary(stats: Stats): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  for (const view of stats.registeredViews()) {
    const latency = view.measure.unit === 'ms';
    out[view.name] = stats
      .retrieveData(view)
      .map((r) => {
        const d = r.data;
        if (d.type !== 'distribution') return { tags: r.tags, value: d.value };
        return latency ? { tags: r.tags, count: d.count } : { tags: r.tags, count: d.count, sum: d.sum, bucketCounts: d.bucketCounts };
      })
      .sort((a, b) => JSON.stringify(a.tags).localeCompare(JSON.stringify(b.tags)));
  }
  return out;
}
