import * as grpc from '@grpc/grpc-js';
import { Stats, ViewsStatsHandler, clientOptions, createServer, type RpcEvent, type StatsExporter, type StatsHandler, type ViewData } from '../../src';
import { echoClient, serveEcho, type Outcome } from '../grpc/helpers/harness';
import { registerAllViews, viewSummary, type Workload, WORKLOAD, runWorkload } from './helpers/workload';
import { total, waitFor } from '../grpc/helpers/views';

// Failures in user code the plugin calls — exporters, StatsHandlers — never
// reach an RPC: same responses and statuses as without the plugin, the other
// handlers and the views get complete data, each failure is counted and
// warned about once.

/** What the application saw, minus our own trailer and the HTTP date. */
function seen(o: Outcome) {
  const { 'grpc-server-stats-bin': _ours, date: _tdate, ...trailers } = o.trailers;
  const { date: _date, ...headers } = o.headers;
  return { code: o.code, details: o.details, messages: o.messages, headers, trailers };
}

/** Runs the workload against a server and a client built by `make`, and returns what the application saw. */
async function outcomes(make: (stats: Stats) => { server: grpc.Server; clientOptions?: grpc.ClientOptions }, stats: Stats, work: Workload = WORKLOAD) {
  const { server, clientOptions: options } = make(stats);
  const client = echoClient(await serveEcho(server), options);
  try {
    const out = await runWorkload(client, work);
    if (options) await waitFor(() => total(stats, 'grpc.io/server/completed_rpcs') === work.length, 'server ends');
    return out.map(seen);
  } finally {
    client.close();
    server.forceShutdown();
  }
}

let baseline: ReturnType<typeof seen>[];
beforeAll(async () => {
  baseline = await outcomes(() => ({ server: new grpc.Server() }), new Stats());
});

/** Records every event type it is given, per side. */
class EventCounter implements StatsHandler<boolean> {
  readonly counts = new Map<string, number>();
  tagRpc(info: { client: boolean }) {
    this.add('tagRpc');
    return info.client;
  }
  handleRpc(_client: boolean, e: RpcEvent) {
    this.add(e.type);
  }
  private add(type: string) {
    this.counts.set(type, (this.counts.get(type) ?? 0) + 1);
  }
}

const EVENTS = ['tagRpc', 'begin', 'outHeader', 'inHeader', 'outPayload', 'inPayload', 'inTrailer', 'outTrailer', 'end', 'every event'] as const;

describe('a StatsHandler that throws, beside the views handler', () => {
  let reference: ReturnType<typeof viewSummary>;
  let referenceEvents: Map<string, number>;
  beforeAll(async () => {
    const stats = registerAllViews(new Stats());
    const counter = new EventCounter();
    const handlers = [new ViewsStatsHandler(stats), counter];
    await outcomes((s) => ({ server: createServer({ census: { stats: s, handlers } }), clientOptions: clientOptions({ stats: s, handlers }) }), stats);
    reference = viewSummary(stats);
    referenceEvents = counter.counts;
  });

  it.each(EVENTS)('throwing in %s: same responses, complete views and events for the others, counted, warned once', async (where) => {
    const warnings: string[] = [];
    const stats = registerAllViews(new Stats({ warn: (m) => warnings.push(m) }));
    const boom = (): never => {
      throw new Error(`boom in ${where}`);
    };
    const thrower: Partial<StatsHandler<unknown>> = {
      tagRpc: (info) => (where === 'tagRpc' ? boom() : info),
      handleRpc: (_s, e) => (where === 'every event' || e.type === where ? boom() : undefined),
    };
    const counter = new EventCounter();
    // The thrower goes first: the handlers after it must still run.
    const handlers = [thrower, new ViewsStatsHandler(stats), counter];
    const out = await outcomes((s) => ({ server: createServer({ census: { stats: s, handlers } }), clientOptions: clientOptions({ stats: s, handlers }) }), stats);

    expect(out).toEqual(baseline);
    expect(viewSummary(stats)).toEqual(reference);
    expect(counter.counts).toEqual(referenceEvents);
    // tagRpc failing skips that handler for the RPC: one failure per RPC and side.
    const failures = where === 'every event' ? [...referenceEvents].reduce((n, [t, c]) => n + (t === 'tagRpc' ? 0 : c), 0) : referenceEvents.get(where)!;
    expect(failures).toBeGreaterThan(0);
    expect(stats.diagnostics.snapshot()).toEqual({ 'grpc.handlerErrors': failures });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(`boom in ${where}`);
  });
});

describe('exporters that throw or reject while RPCs flow', () => {
  class ThrowingExporter implements StatsExporter {
    export(): void {
      throw new Error('sync boom');
    }
  }
  class RejectingExporter implements StatsExporter {
    export(): Promise<void> {
      return Promise.reject(new Error('async boom'));
    }
  }
  class KeepingExporter implements StatsExporter {
    calls = 0;
    last: ViewData[] = [];
    export(data: ViewData[]): void {
      this.calls++;
      this.last = data;
    }
  }

  it('do not affect RPCs or the other exporter; every failure counted, each exporter warned about once', async () => {
    const warnings: string[] = [];
    const stats = registerAllViews(new Stats({ warn: (m) => warnings.push(m), reportingPeriodMs: 5 }));
    const keeping = new KeepingExporter();
    const exporters = [new ThrowingExporter(), keeping, new RejectingExporter()];
    for (const e of exporters) stats.registerExporter(e);
    const work = Array.from({ length: 20 }, () => WORKLOAD).flat();
    const out = await outcomes((s) => ({ server: createServer({ census: { stats: s } }), clientOptions: clientOptions({ stats: s }) }), stats, work);
    await stats.flush(); // the last interval, after every RPC ended
    for (const e of exporters) stats.unregisterExporter(e);

    expect(out).toEqual(Array.from({ length: 20 }, () => baseline).flat());
    const completed = keeping.last.find((d) => d.view.name === 'grpc.io/server/completed_rpcs')!;
    expect(completed.rows.reduce((n, r) => n + (r.data.type === 'count' ? r.data.value : 0), 0)).toBe(work.length);
    expect(keeping.last.map((d) => d.view.name).sort()).toEqual(stats.registeredViews().map((v) => v.name).sort());
    // Timer rounds ran while RPCs flowed (140 sequential RPCs take far longer than 5 ms), plus the flush.
    expect(keeping.calls).toBeGreaterThan(1);
    // Every round calls all three; two of them fail each time.
    expect(stats.diagnostics.snapshot()).toEqual({ exportErrors: 2 * keeping.calls });
    expect(warnings.sort()).toEqual([
      expect.stringContaining('RejectingExporter.export failed'),
      expect.stringContaining('ThrowingExporter.export failed'),
    ]);
  });
});
