import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { clientOptions, createServer } from '../../src';
import { msgSize } from '../grpc/helpers/echo-service';
import { echoClient, run, serveEcho } from '../grpc/helpers/harness';
import { rows, statsWithAllViews, total, waitFor } from '../grpc/helpers/views';

// A small in-process soak (bench/soak is the big one, in two processes):
// 20,000 unary and 200 streaming RPCs, 16 in flight, through createServer()
// and clientOptions() with all 15 views. Totals must be exact on both sides,
// and the heap after forced GC must not grow by more than HEAP_BOUND between
// the end of the warm-up and the end. The bound is generous (jest, ts-jest and
// grpc-js allocate too); a leak of ~500 bytes per RPC (a retained Metadata, a
// per-call closure, a row per call) would exceed it.
// That full size runs with GRPC_CENSUS_FULL_SOAK=1 (`npm run test:soak`, CI).
// A plain `npm test` runs a fifth of it: the same exact totals, but the same
// bound then only catches leaks of ~2.7 KB per RPC or more.
const FULL = process.env.GRPC_CENSUS_FULL_SOAK === '1';
const UNARY = FULL ? 20_000 : 4_000;
const STREAMING = UNARY / 100; // every 101st RPC of the plan streams
const WARMUP = UNARY / 10;
const IN_FLIGHT = 16;
const HEAP_BOUND = 8 * 2 ** 20;

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
function heapAfterGc(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

type Kind = 'unary' | 'clientStream' | 'serverStream' | 'bidi';
interface Planned { kind: Kind; send: string[]; receive: string[] }

/** RPC i of the plan: unary with texts of 1–100 letters; every 101st a streaming one. */
function planned(i: number): Planned {
  if (i % 101 === 100) {
    const j = (i - 100) / 101;
    const n = 2 + (j % 4);
    const texts = Array.from({ length: n }, (_, k) => 'x'.repeat(k + 1));
    if (j % 3 === 0) return { kind: 'serverStream', send: [`many:${n}`], receive: Array.from({ length: n }, (_, k) => `r${k}`) };
    if (j % 3 === 1) return { kind: 'bidi', send: texts, receive: texts.map((t) => t.toUpperCase()) };
    return { kind: 'clientStream', send: texts, receive: [texts.join('').toUpperCase()] };
  }
  const text = 'abcdefghij'.repeat(10).slice(0, 1 + (i % 100));
  return { kind: 'unary', send: [text], receive: [text.toUpperCase()] };
}

const METHOD: Record<Kind, string> = {
  unary: 'census.test.Echo/Unary',
  clientStream: 'census.test.Echo/ClientStream',
  serverStream: 'census.test.Echo/ServerStream',
  bidi: 'census.test.Echo/Bidi',
};

describe('in-process soak', () => {
  it(`${UNARY} unary + ${STREAMING} streaming RPCs: exact totals on both sides, heap flat after warm-up`, async () => {
    const stats = statsWithAllViews();
    const server = createServer({ census: { stats, serverStatsTrailer: true } });
    const client = echoClient(await serveEcho(server), clientOptions({ stats }));
    const expected: Record<string, { calls: number; out: number; in: number; outBytes: number; inBytes: number }> = {};
    const wrong: string[] = [];
    const count = UNARY + STREAMING;
    let next = 0;
    let heapAtWarmup = 0;
    try {
      const worker = async () => {
        while (next < count) {
          const i = next++;
          if (i === WARMUP) heapAtWarmup = heapAfterGc();
          const p = planned(i);
          const e = (expected[METHOD[p.kind]] ??= { calls: 0, out: 0, in: 0, outBytes: 0, inBytes: 0 });
          e.calls++;
          e.out += p.send.length;
          e.in += p.receive.length;
          e.outBytes += p.send.reduce((s, t) => s + msgSize(t), 0);
          e.inBytes += p.receive.reduce((s, t) => s + msgSize(t), 0);
          const out = await run(client, p.kind, p.send.map((text) => ({ text })));
          if (out.code !== 0 || out.messages.map((m) => m.text).join() !== p.receive.join()) wrong.push(`${i}: ${out.code} ${JSON.stringify(out.messages)}`);
        }
      };
      await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
      await waitFor(() => total(stats, 'grpc.io/server/completed_rpcs') === count, 'server ends');
      const heapAtEnd = heapAfterGc();

      expect(wrong).toEqual([]);
      expect(Object.values(expected).reduce((n, e) => n + e.calls, 0)).toBe(count);
      const sorted = (o: object[]) => o.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
      for (const side of ['client', 'server'] as const) {
        const method = `grpc_${side}_method`;
        const [sent, received] = side === 'client' ? ['sent', 'received'] : ['received', 'sent'];
        const expectRows = (view: string, fn: (e: (typeof expected)[string]) => Record<string, number>, extraTags: Record<string, string> = {}) =>
          expect(sorted(rows(stats, `grpc.io/${side}/${view}`))).toEqual(
            sorted(Object.entries(expected).map(([m, e]) => ({ tags: { [method]: m, ...extraTags }, ...fn(e) }))),
          );
        expectRows('completed_rpcs', (e) => ({ count: e.calls }), { [`grpc_${side}_status`]: 'OK' });
        expectRows('started_rpcs', (e) => ({ count: e.calls }));
        expectRows(`${sent}_messages_per_rpc`, (e) => ({ count: e.calls, sum: e.out }));
        expectRows(`${received}_messages_per_rpc`, (e) => ({ count: e.calls, sum: e.in }));
        expectRows(`${sent}_bytes_per_rpc`, (e) => ({ count: e.calls, sum: e.outBytes }));
        expectRows(`${received}_bytes_per_rpc`, (e) => ({ count: e.calls, sum: e.inBytes }));
      }
      expect(total(stats, 'grpc.io/client/server_latency')).toBe(count);
      expect(stats.diagnostics.snapshot()).toEqual({});
      expect(heapAtEnd - heapAtWarmup).toBeLessThan(HEAP_BOUND);
    } finally {
      client.close();
      server.forceShutdown();
    }
  }, 300_000);
});
