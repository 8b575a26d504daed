import {
  ClientReceivedBytesPerRPC,
  ClientReceivedMessagesPerRPC,
  ClientRoundtripLatency,
  ClientSentBytesPerRPC,
  ClientSentMessagesPerRPC,
  ClientStartedRPCs,
  DefaultClientViews,
  DefaultServerViews,
  ExtraClientViews,
  ExtraServerViews,
  ServerLatency,
  ServerReceivedBytesPerRPC,
  ServerReceivedMessagesPerRPC,
  ServerSentBytesPerRPC,
  ServerSentMessagesPerRPC,
  ServerStartedRPCs,
  Stats,
  TagMap,
} from '../../../src';
import { SnapshotHistory } from '../../../src/exporters/rpcz/history';
import { buildReport, type RpczReport, type RpczRow } from '../../../src/exporters/rpcz/report';
import { MethodTracker } from '../../../src/exporters/rpcz/sample';

/** A clock tests step by hand: no test waits for real time. */
export class SteppedClock {
  constructor(public ms = Date.parse('2026-12-01T10:00:00Z')) {}
  readonly now = (): number => this.ms;
  step(seconds: number): void {
    this.ms += seconds * 1000;
  }
}

/** A Stats on `clock` with all 15 OpenCensus gRPC views registered at the clock's time. */
export function statsOn(clock: SteppedClock): Stats {
  const stats = new Stats({ now: clock.now });
  stats.registerView(...DefaultServerViews, ...ExtraServerViews, ...DefaultClientViews, ...ExtraClientViews);
  return stats;
}

/** What one simulated RPC measured, recorded as the gRPC plugin records it. */
export interface FakeRpc {
  side: 'client' | 'server';
  method: string;
  status?: string;
  latencyMs?: number;
  bytesIn?: number;
  bytesOut?: number;
  messagesIn?: number;
  messagesOut?: number;
}

/** Records the start of an RPC (the started-RPCs count). */
export function start(stats: Stats, side: 'client' | 'server', method: string): void {
  const started = side === 'server' ? ServerStartedRPCs : ClientStartedRPCs;
  stats.record(started.m(1), TagMap.from({ [`grpc_${side}_method`]: method }));
}

/** Records the end of an RPC: latency (and so completed_rpcs), bytes and messages, with the method and status tags. */
export function end(stats: Stats, rpc: FakeRpc): void {
  const s = rpc.side === 'server';
  const tags = TagMap.from({ [`grpc_${rpc.side}_method`]: rpc.method, [`grpc_${rpc.side}_status`]: rpc.status ?? 'OK' });
  stats.record(
    [
      (s ? ServerLatency : ClientRoundtripLatency).m(rpc.latencyMs ?? 1.5),
      (s ? ServerReceivedBytesPerRPC : ClientReceivedBytesPerRPC).m(rpc.bytesIn ?? 0),
      (s ? ServerSentBytesPerRPC : ClientSentBytesPerRPC).m(rpc.bytesOut ?? 0),
      (s ? ServerReceivedMessagesPerRPC : ClientReceivedMessagesPerRPC).m(rpc.messagesIn ?? 1),
      (s ? ServerSentMessagesPerRPC : ClientSentMessagesPerRPC).m(rpc.messagesOut ?? 1),
    ],
    tags,
  );
}

/** `n` whole RPCs (start and end) like `rpc`. */
export function calls(stats: Stats, n: number, rpc: FakeRpc): void {
  for (let i = 0; i < n; i++) {
    start(stats, rpc.side, rpc.method);
    end(stats, rpc);
  }
}

/** The page's history and report on a stepped clock, without HTTP. */
export class Page {
  readonly history: SnapshotHistory;
  constructor(
    readonly stats: Stats,
    readonly clock: SteppedClock,
    readonly options: { topN?: number; maxMethods?: number } = {},
  ) {
    this.history = new SnapshotHistory(stats, new MethodTracker(options.maxMethods ?? 50));
    this.history.sample(clock.now());
  }
  /** What the timer does every 5 s. */
  tick(): void {
    this.history.sample(this.clock.now());
  }
  /** Steps the clock by `seconds` in 5-second timer ticks, calling `each` before every tick. */
  run(seconds: number, each: () => void = () => {}): void {
    for (let t = 0; t < seconds; t += 5) {
      each();
      this.clock.step(5);
      this.tick();
    }
  }
  report(): RpczReport {
    return buildReport(this.history, this.clock.now(), this.options.topN ?? 20);
  }
  row(side: 'client' | 'server', method: string): RpczRow {
    const row = this.report().rows.find((r) => r.side === side && r.method === method);
    if (row === undefined) throw new Error(`no ${side} row ${method}`);
    return row;
  }
}
