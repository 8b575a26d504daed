import { createHook, executionAsyncResource } from 'node:async_hooks';
import type { TagMap } from './tag-map';

// The tag context where Node's AsyncLocalStorage is built on async_hooks
// (Node 20, 22; Node 24 with --no-async-context-frame): the same mechanism,
// public async_hooks API only, with one difference. AsyncLocalStorage's init
// hook writes its property on EVERY async resource of the process, even with
// no store to carry; this one writes only where there is a context to carry
// (or an old one to clear, on a resource initialized again). A unary server
// RPC creates 18 async resources, 3 of them inside its tag context (grpc-js
// 1.14, Node 20): ~260 bytes less per RPC on Node 20, no measurable change on
// Node 22 (bench: heap-per-rpc). Where AsyncLocalStorage keeps contexts in
// frames, context.ts uses it instead: there it writes nothing per resource.

const TAGS = Symbol('grpc-census.tags');
type Carrier = Record<symbol, TagMap | undefined>;

/**
 * @internal The init hook: `resource`, created in the current execution
 * context, carries that context's tags. Never throws (a throwing async hook
 * ends the process): a resource that cannot carry tags carries none.
 */
export function propagateTags(resource: unknown): void {
  try {
    const tags = (executionAsyncResource() as Carrier)[TAGS];
    if (tags !== undefined || TAGS in (resource as object)) (resource as Carrier)[TAGS] = tags;
  } catch {
    // A frozen or exotic resource: no context follows it.
  }
}

const hook = createHook({ init: (_asyncId, _type, _triggerAsyncId, resource) => propagateTags(resource) });
let enabled = false;

/** The current tags and `run`, with AsyncLocalStorage's semantics (see above). */
export const resourceTagStore = {
  getStore(): TagMap | undefined {
    return enabled ? (executionAsyncResource() as Carrier)[TAGS] : undefined;
  },

  /** Runs `fn` with `tags` current; its async continuations keep them. The hook stays on from the first call. */
  run<T>(tags: TagMap, fn: () => T): T {
    if (!enabled) {
      hook.enable();
      enabled = true;
    }
    const resource = executionAsyncResource() as Carrier;
    const outer = resource[TAGS];
    if (outer === tags) return fn();
    resource[TAGS] = tags;
    try {
      return fn();
    } finally {
      resource[TAGS] = outer;
    }
  },
};
