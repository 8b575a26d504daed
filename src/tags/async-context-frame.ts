import { AsyncLocalStorage, AsyncResource } from 'node:async_hooks';

// The private details of Node the library relies on, in one place (the
// grpc-js ones are in grpc/grpcjs/internals.ts). Both only pick the cheapest
// way of keeping and entering a tag context (tags/context.ts); none is needed
// for correctness.
//
// 1. Which AsyncLocalStorage this Node has (`FRAME_BASED`): only the
//    async_hooks implementation gives a new storage an own `kResourceStore`.
//    Verified on Node 20.20.2, 22.23.5 (async_hooks) and 24.22.3 (frames).
//    It picks where the tags live (AsyncLocalStorage on frames, else
//    resource-store.ts) and the entry way; each is correct on either kind.
//    A Node that changes this is taken for frame-based. Test:
//    test/tags/async-context-frame.test.ts (the default way on each Node).
//
// 2. The frame access (`findFrameAccess`):
// - What: where AsyncLocalStorage keeps contexts in frames (AsyncContextFrame:
//   Node 24's default; Node 22 with --experimental-async-context-frame), an
//   AsyncResource keeps the frame it captured in an own property keyed by a
//   symbol described 'context_frame', and `runInAsyncScope` enters whatever
//   that property holds. Frames are immutable maps (a change makes a new one),
//   so one frame can be entered by many resources.
// - Verified on: Node 24.22.3; Node 22.23.5 with --experimental-async-context-frame.
// - Guard: at load, on such Nodes only: the property exists on a new
//   AsyncResource, holds the frame of the storage `run` it was created in,
//   and a resource given that frame enters it and leaves the caller's
//   context as it was (`findFrameAccess`).
// - Fallback: none needed for correctness; without it every server RPC copies
//   its frame once (`AsyncLocalStorage.run`), ~0.7 KB and ~0.1 µs more.
// - Test: test/tags/async-context-frame.test.ts (the guard, and the fallback
//   when the property is missing); test/grpc/handler-tag-context-entries.test.ts
//   (handler code sees the same tags either way).

/** Reads and sets the context frame an AsyncResource enters. */
export interface FrameAccess {
  /** The frame `resource` captured when it was created (undefined: no context at all). */
  frameOf(resource: AsyncResource): unknown;
  /** Makes `resource.runInAsyncScope` enter `frame`, a frame read with `frameOf`. */
  setFrame(resource: AsyncResource, frame: unknown): void;
}

const PROBE = 'grpc-census.FrameProbe';

/** Whether this Node's AsyncLocalStorage keeps contexts in frames (AsyncContextFrame) rather than on async_hooks resources. */
export const FRAME_BASED = !Object.prototype.hasOwnProperty.call(new AsyncLocalStorage(), 'kResourceStore');

/**
 * The frame access on this Node, or undefined where AsyncLocalStorage is not
 * built on frames (checked first: there the probe's `run` would turn on
 * async_hooks for the whole process) or the guard fails. `description` names the property's
 * symbol (a parameter so the fallback can be tested). Never throws.
 */
export function findFrameAccess(description = 'context_frame'): FrameAccess | undefined {
  if (!FRAME_BASED) return undefined;
  try {
    const symbol = Object.getOwnPropertySymbols(new AsyncResource(PROBE)).find((s) => s.description === description);
    if (symbol === undefined) return undefined;
    type Framed = AsyncResource & Record<symbol, unknown>;
    const store = new AsyncLocalStorage<number>();
    const inside = store.run(1, () => new AsyncResource(PROBE)) as Framed;
    const frame = inside[symbol];
    // async_hooks-based storage: resources capture no frame.
    if (frame === undefined || frame === null) return undefined;
    const entering = new AsyncResource(PROBE) as Framed;
    entering[symbol] = frame;
    if (entering.runInAsyncScope(() => store.getStore()) !== 1 || store.getStore() !== undefined) return undefined;
    return {
      frameOf: (resource) => (resource as Framed)[symbol],
      setFrame: (resource, f) => {
        (resource as Framed)[symbol] = f;
      },
    };
  } catch {
    return undefined;
  }
}
