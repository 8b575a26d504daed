import { isPrintableAscii } from '../internal/ascii';
import type { TagKey } from '../tags/tag-key';
import { TagMap } from '../tags/tag-map';
import { statusName } from './spec/status-names';
import { KeyClientMethod, KeyClientStatus, KeyServerMethod, KeyServerStatus } from './spec/tag-keys';
import type { RpcInfo } from './types';

/**
 * One method on one side: the `RpcInfo` handlers see, its method tag value,
 * and the tag maps of RPCs that carry no caller tags, built once so that such
 * RPCs allocate no TagMap (and reuse the TagMaps' cached row keys).
 */
export class MethodInfo implements RpcInfo {
  /** `pkg.Service/Method`: the path without its leading slashes, made a valid tag value. */
  readonly method: string;
  /** The method tag alone: the tags of an RPC whose caller set none. */
  readonly baseTags: TagMap;
  private readonly methodKey: TagKey;
  private readonly statusKey: TagKey;
  private readonly endTagsByCode: TagMap[] = [];
  // The last caller tags seen and what was derived from them: a server whose
  // clients send the same tags every call (propagatedTags returns the same
  // TagMap for a repeated header) upserts nothing per RPC.
  // (A mutable holder: MethodInfo objects are frozen.)
  private readonly last: { tags?: TagMap; methodTags?: TagMap; endTags: TagMap[] } = { endTags: [] };

  constructor(
    readonly fullMethod: string,
    readonly client: boolean,
    readonly clientStreaming: boolean,
    readonly serverStreaming: boolean,
  ) {
    this.method = methodTagValue(fullMethod);
    this.methodKey = client ? KeyClientMethod : KeyServerMethod;
    this.statusKey = client ? KeyClientStatus : KeyServerStatus;
    this.baseTags = TagMap.EMPTY.with(this.methodKey, this.method);
  }

  /** `tags` with the method tag upserted. */
  withMethod(tags: TagMap): TagMap {
    if (tags.size === 0) return this.baseTags;
    const last = this.last;
    if (tags === last.tags || tags === last.methodTags) return last.methodTags!;
    // The server's RPC tags already carry the method (set before begin).
    if (tags.get(this.methodKey) === this.method) return tags;
    const methodTags = tags.with(this.methodKey, this.method);
    last.tags = tags;
    last.methodTags = methodTags;
    last.endTags = [];
    return methodTags;
  }

  /** `methodTags` (a result of `withMethod`) with the status tag of `code` upserted. */
  withStatus(methodTags: TagMap, code: number): TagMap {
    if (methodTags !== this.baseTags) {
      const last = this.last;
      if (methodTags !== last.methodTags || !(Number.isInteger(code) && code >= 0 && code < 64)) return methodTags.with(this.statusKey, statusName(code));
      return (last.endTags[code] ??= methodTags.with(this.statusKey, statusName(code)));
    }
    const small = Number.isInteger(code) && code >= 0 && code < 64;
    const cached = small ? this.endTagsByCode[code] : undefined;
    if (cached !== undefined) return cached;
    const tags = methodTags.with(this.statusKey, statusName(code));
    if (small) this.endTagsByCode[code] = tags;
    return tags;
  }
}

/** `/pkg.Service/Method` → `pkg.Service/Method` (opencensus-go trims every leading slash), as a valid tag value. */
export function methodTagValue(path: string): string {
  let start = 0;
  while (path.charCodeAt(start) === 0x2f) start++;
  const name = path.slice(start, start + 255);
  return isPrintableAscii(name) ? name : name.replace(/[^\x20-\x7e]/g, '_');
}

// Methods are few; a cap keeps a program that invents paths (a generic proxy)
// from growing these maps without bound.
const MAX_CACHED = 10_000;
const clientMethods = new Map<string, MethodInfo>();
const serverMethods = new Map<string, MethodInfo>();

/** The shared `MethodInfo` of a method on one side. */
export function methodInfo(client: boolean, path: string, clientStreaming: boolean, serverStreaming: boolean): MethodInfo {
  const cache = client ? clientMethods : serverMethods;
  const known = cache.get(path);
  if (known !== undefined && known.clientStreaming === clientStreaming && known.serverStreaming === serverStreaming) return known;
  const info = new MethodInfo(String(path), client, clientStreaming, serverStreaming);
  Object.freeze(info);
  if (known !== undefined || cache.size < MAX_CACHED) cache.set(path, info);
  return info;
}

/** The client `MethodInfo` of `path` as last learned from a method definition; unary if never seen. */
export function clientMethodByPath(path: string): MethodInfo {
  return clientMethods.get(path) ?? methodInfo(true, path, false, false);
}
