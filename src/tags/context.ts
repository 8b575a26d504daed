import { AsyncLocalStorage, AsyncResource } from 'node:async_hooks';
import { TagMap } from './tag-map';

const storage = new AsyncLocalStorage<TagMap>();

/**
 * Runs `fn` with `tags` as the current tag context. The context follows every
 * asynchronous continuation started inside `fn` (awaits, promise callbacks,
 * timers, event emitters created there) and ends when `fn` returns.
 */
export function withTags<T>(tags: TagMap, fn: () => T): T {
  if (!(tags instanceof TagMap)) throw new TypeError('withTags expects a TagMap as its first argument');
  return storage.run(tags, fn);
}

/** The tags of the current context, or `TagMap.EMPTY` outside any `withTags` scope. */
export function currentTags(): TagMap {
  return storage.getStore() ?? TagMap.EMPTY;
}

/**
 * @internal Something that runs code in one tag context several times (a
 * server RPC: its handler, each request message, its 'cancelled' listeners).
 * `tagContext` starts undefined and is kept by `runInTagContext`.
 */
export interface TagContextTarget {
  tagContext: AsyncResource | undefined;
  /** The code to run in the context. */
  deliver(): void;
}

// Node has two AsyncLocalStorage implementations, and what a repeated entry
// costs differs between them (per entry, measured on Node 20 and 24):
// - async_hooks (Node 20, 22; Node 24 with --no-async-context-frame): `run`
//   sets a field on the current resource: ~30 ns, no allocation.
// - AsyncContextFrame (Node 24's default; Node 22 with
//   --experimental-async-context-frame): `run` copies the context frame, a
//   Map: ~250 ns and ~740 bytes. Re-entering a frame captured by an
//   AsyncResource costs ~40 ns and ~30 bytes.
// So with frames the first entry captures its frame for the later ones. Both
// ways give the same contexts; the probe only picks the cheaper. (It reads
// the shape of a new storage: only the async_hooks implementation has an
// own `kResourceStore`; a Node that changes this gets the frame way, which
// stays correct.)
const FRAME_BASED = !Object.prototype.hasOwnProperty.call(new AsyncLocalStorage(), 'kResourceStore');
let reuseFrames = FRAME_BASED;

/** @internal Tests only: whether entries after the first re-enter a captured context (default: on frame-based Nodes). */
export function reuseTagContexts(reuse: boolean = FRAME_BASED): void {
  reuseFrames = reuse;
}

/**
 * @internal Calls `target.deliver()` with `tags` as the current tag context,
 * as `withTags` would, at the cost of the cheaper way on this Node (see above).
 * Every entry of one target must pass the same `tags`.
 */
export function runInTagContext(target: TagContextTarget, tags: TagMap): void {
  const captured = target.tagContext;
  if (captured !== undefined) {
    captured.runInAsyncScope(target.deliver, target);
    return;
  }
  entering = target;
  storage.run(tags, reuseFrames ? captureAndDeliver : deliverEntering);
}

// The target being entered: one shared function instead of a closure per
// entry (storage.run calls it at once, before anything can change this).
let entering: TagContextTarget | undefined;

function deliverEntering(): void {
  const target = entering!;
  entering = undefined;
  target.deliver();
}

function captureAndDeliver(): void {
  const target = entering!;
  entering = undefined;
  target.tagContext = new AsyncResource('grpc-census.TagContext', { requireManualDestroy: true });
  target.deliver();
}
