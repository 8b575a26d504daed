import { AsyncLocalStorage } from 'node:async_hooks';
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
