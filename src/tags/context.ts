import { AsyncLocalStorage, AsyncResource } from 'node:async_hooks';
import { FRAME_BASED, findFrameAccess } from './async-context-frame';
import { resourceTagStore } from './resource-store';
import { TagMap } from './tag-map';

// Where the current tags live: AsyncLocalStorage where it keeps contexts in
// frames; elsewhere the same async_hooks mechanism as AsyncLocalStorage
// there, minus its write on every resource (resource-store.ts).
const frameStorage = FRAME_BASED ? new AsyncLocalStorage<TagMap>() : undefined;
const storage: Pick<AsyncLocalStorage<TagMap>, 'getStore' | 'run'> = frameStorage ?? resourceTagStore;

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

// Node has two AsyncLocalStorage implementations, and what an entry costs
// differs between them (measured on Node 20 and 24):
// - async_hooks (Node 20, 22; Node 24 with --no-async-context-frame): `run`
//   (resource-store.ts there) sets a field on the current resource: ~30 ns,
//   no allocation. Every entry is a `run` ('run').
// - AsyncContextFrame (Node 24's default; Node 22 with
//   --experimental-async-context-frame): `run` copies the context frame, a
//   Map, twice (in, and back out): ~240 ns and ~740 bytes. Re-entering a
//   frame captured by an AsyncResource costs ~40 ns and no allocation. So:
//   - 'frames': a target's first entry makes its AsyncResource in the
//     caller's context and gives it the frame "caller's frame plus `tags`",
//     kept on the TagMap (`_frame`) for as long as callers come from that
//     same frame (a server's calls arrive in their connection's context, so
//     nearly always): ~80 bytes per target. A new caller frame costs one
//     copy (~0.5 KB). Needs the frame access of async-context-frame.ts.
//   - 'reenter' (where that access is unavailable): the first entry is a
//     `run` that captures its frame in an AsyncResource for the later ones.
// Every way gives the same contexts; which implementation this Node has
// only picks the cheapest (async-context-frame.ts tells).
type EntryWay = 'frames' | 'reenter' | 'run';
const frameAccess = findFrameAccess();
const DEFAULT_WAY: EntryWay = frameAccess !== undefined ? 'frames' : FRAME_BASED ? 'reenter' : 'run';
let way: EntryWay = DEFAULT_WAY;

/** @internal Tests only: the ways of entering a tag context this Node has (see above), the default first. */
export function tagContextWays(): EntryWay[] {
  return frameAccess !== undefined ? ['frames', 'reenter', 'run'] : FRAME_BASED ? ['reenter', 'run'] : ['run', 'reenter'];
}

/** @internal Tests only: how `runInTagContext` enters (default: the cheapest on this Node). */
export function useTagContextWay(next: EntryWay = DEFAULT_WAY): void {
  if (!tagContextWays().includes(next)) throw new TypeError(`useTagContextWay: '${next}' is not available on this Node`);
  way = next;
}

/** What a TagMap keeps of its last frame: the caller's frame it was made from, and the frame with the tags. */
interface CachedFrame {
  readonly outer: unknown;
  readonly frame: unknown;
}

const TAG_CONTEXT = 'grpc-census.TagContext';
// Never destroyed by hand: no destroy hook per RPC.
const MANUAL_DESTROY = { requireManualDestroy: true };

/**
 * @internal Calls `target.deliver()` with `tags` as the current tag context,
 * as `withTags` would, at the cost of the cheapest way on this Node (see above).
 * Every entry of one target must pass the same `tags`.
 */
export function runInTagContext(target: TagContextTarget, tags: TagMap): void {
  const captured = target.tagContext;
  if (captured !== undefined) {
    captured.runInAsyncScope(target.deliver, target);
    return;
  }
  if (way === 'frames') {
    enterFrame(target, tags);
    return;
  }
  entering = target;
  storage.run(tags, way === 'reenter' ? captureAndDeliver : deliverEntering);
}

// The target being entered: one shared function instead of a closure per
// entry (the callee runs at once, before anything can change this).
let entering: TagContextTarget | undefined;
let enteringTags: TagMap | undefined;

function deliverEntering(): void {
  const target = entering!;
  entering = undefined;
  target.deliver();
}

function captureAndDeliver(): void {
  const target = entering!;
  entering = undefined;
  target.tagContext = new AsyncResource(TAG_CONTEXT, MANUAL_DESTROY);
  target.deliver();
}

function enterFrame(target: TagContextTarget, tags: TagMap): void {
  const access = frameAccess!;
  // Made in the caller's context: it holds the caller's frame.
  const resource = new AsyncResource(TAG_CONTEXT, MANUAL_DESTROY);
  target.tagContext = resource;
  const cached = tags._frame as CachedFrame | undefined;
  if (cached !== undefined && cached.outer === access.frameOf(resource)) {
    access.setFrame(resource, cached.frame);
    resource.runInAsyncScope(target.deliver, target);
    return;
  }
  // A caller frame not seen with these tags: enter them once, within the
  // resource's scope (which restores the caller's frame afterwards, without
  // the second copy a `run` makes), and keep the new frame.
  entering = target;
  enteringTags = tags;
  resource.runInAsyncScope(enterNewFrame);
}

function enterNewFrame(): void {
  const target = entering!;
  const tags = enteringTags!;
  entering = undefined;
  enteringTags = undefined;
  const access = frameAccess!;
  const resource = target.tagContext!;
  const outer = access.frameOf(resource);
  frameStorage!.enterWith(tags);
  const frame = access.frameOf(new AsyncResource(TAG_CONTEXT, MANUAL_DESTROY));
  const cached: CachedFrame = { outer, frame };
  tags._frame = cached;
  access.setFrame(resource, frame);
  target.deliver();
}
