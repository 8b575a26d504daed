import type { Metadata, StatusObject } from '@grpc/grpc-js';
import { withTags } from '../tags';
import type { TagMap } from '../tags';
import type { MethodInfo } from './method-info';
import type { Plugin } from './plugin';
import { serverLatencyMs } from './server-latency';
import { forgetSent, recordEnded, recordStarted, type RpcTotals } from './views-recorder';

const CREATED = 0;
const ACTIVE = 1;
const ENDED = 2;

/**
 * The per-RPC state shared by every wiring (channel wrapper, interceptors):
 * running totals, and either the built-in views fast path (no events are
 * built) or dispatch to the configured handlers. Events outside
 * begin…end are ignored, so `end` happens at most once. No method throws.
 */
export class RpcTracker implements RpcTotals {
  startTime = 0;
  sentMessages = 0;
  sentBytes = 0;
  receivedMessages = 0;
  receivedBytes = 0;
  serverLatencyMs = NaN;
  private phase = CREATED;
  private states: unknown[] | undefined;
  private methodTags: TagMap | undefined;

  constructor(
    readonly plugin: Plugin,
    readonly info: MethodInfo,
    /** The RPC's tag context: the caller's tags (client); the propagated tags plus the method (server, set before `begin`). */
    public tags: TagMap,
  ) {}

  get begun(): boolean {
    return this.phase !== CREATED;
  }

  get active(): boolean {
    return this.phase === ACTIVE;
  }

  begin(now: number): void {
    if (this.phase !== CREATED) return;
    this.phase = ACTIVE;
    this.startTime = now;
    try {
      if (this.plugin.handlers === undefined) {
        this.methodTags = this.info.withMethod(this.tags);
        recordStarted(this.plugin.stats, this.info, this.methodTags);
      } else {
        this.states = withTags(this.tags, () => this.plugin.tagRpc(this.info));
        this.plugin.dispatch(this.states, { type: 'begin', time: now });
      }
    } catch (err) {
      this.plugin.internalError(err);
    }
  }

  /** Client: begins the RPC and returns the metadata to send (with `grpc-tags-bin` when there are tags). Never throws. */
  startClient(metadata: Metadata): Metadata {
    let sent = metadata;
    try {
      this.begin(performance.now());
      sent = this.plugin.withTagsHeader(metadata, this.tags);
      this.header(true, sent);
    } catch (err) {
      this.plugin.internalError(err);
    }
    return sent;
  }

  header(out: boolean, metadata: Metadata): void {
    if (this.phase !== ACTIVE || this.states === undefined) return;
    this.emit({ type: out ? 'outHeader' : 'inHeader', metadata });
  }

  /** A message: `length` is its serialized size, NaN when unknown. */
  payload(out: boolean, length: number): void {
    if (this.phase !== ACTIVE) return;
    if (out) {
      this.sentMessages++;
      this.sentBytes += length;
    } else {
      this.receivedMessages++;
      this.receivedBytes += length;
    }
    if (this.states !== undefined) this.emit({ type: out ? 'outPayload' : 'inPayload', length, time: performance.now() });
  }

  trailer(out: boolean, metadata: Metadata): void {
    if (this.phase !== ACTIVE || this.states === undefined) return;
    this.emit({ type: out ? 'outTrailer' : 'inTrailer', metadata });
  }

  /**
   * Client: the status grpc-js delivered — trailers, server latency, end.
   * `connected` is false when the call never got a connection (see the `end` event).
   */
  finishClient(status: StatusObject, connected?: boolean): void {
    if (this.phase !== ACTIVE) return;
    const trailers = status.metadata;
    this.trailer(false, trailers);
    if (this.states === undefined) this.serverLatencyMs = serverLatencyMs(trailers, this.plugin.diagnostics);
    this.end(status.code, status.details, performance.now(), connected);
  }

  end(code: number, details: string, now: number, connected?: boolean): void {
    if (this.phase !== ACTIVE) return;
    this.phase = ENDED;
    try {
      if (this.states === undefined) {
        if (connected === false) forgetSent(this);
        recordEnded(this.plugin.stats, this.info, this.methodTags!, this, code, now);
      } else {
        const event = connected === undefined ? { type: 'end' as const, code, details, time: now } : { type: 'end' as const, code, details, time: now, connected };
        this.plugin.dispatch(this.states, event);
      }
    } catch (err) {
      this.plugin.internalError(err);
    }
  }

  private emit(event: Parameters<Plugin['dispatch']>[1]): void {
    try {
      this.plugin.dispatch(this.states!, event);
    } catch (err) {
      this.plugin.internalError(err);
    }
  }
}
