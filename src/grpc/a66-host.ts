import type { Measure } from '../measures';
import type { Stats } from '../views';
import type { MethodFilter } from './a66-attributes';

/** The grpc-js internals the A66 recording relies on (entries of grpcjs/internals.ts). */
export type A66Internal = 'clientAttempts' | 'clientStubs' | 'serverReceivedFrames' | 'serverUnknownMethods';

/** What the A66 recording needs of its plugin. */
export interface A66Host {
  readonly stats: Stats;
  readonly methodAttributeFilter: MethodFilter;
  /** Counts an unexpected failure (e.g. a throwing filter); the RPC goes on. */
  internalError(err: unknown): void;
  /** Reports, once, that a grpc-js internal is unavailable and its fallback is in use. */
  unavailable(name: A66Internal): void;
}

/** Whether any registered view, in any `Stats`, aggregates one of `measures` (the engine's own early-return test). Pass a constant array: this runs per RPC. */
export function anyViewOn(measures: readonly Measure[]): boolean {
  for (const m of measures) if (m._recordCache.viewCount > 0) return true;
  return false;
}
