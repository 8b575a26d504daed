import { isPrintableAscii } from '../internal/ascii';
import { TagMap } from '../tags';
import { methodTagValue } from './method-info';
import { KeyGrpcMethod, KeyGrpcStatus, KeyGrpcTarget } from './spec/a66-tag-keys';
import { statusName } from './spec/status-names';

// The A66 attributes of an RPC (grpc.method, grpc.target, grpc.status), as
// the tag maps the A66 measures are recorded with. They depend only on the
// method, the channel and the status code, so each combination is built once
// and reused: an A66 measurement allocates nothing. A66 measurements carry
// these attributes only (no caller tags), as gRPC's OpenTelemetry plugins do.

/** gRFC A66's value for a method not recorded by name. */
export const OTHER_METHOD = 'other';

/** `methodAttributeFilter`, or undefined. */
export type MethodFilter = ((fullMethod: string) => boolean) | undefined;

// Methods are few; a cap keeps a program that invents paths from growing a
// cache without bound (past it, tag maps are built per RPC).
const MAX_CACHED = 1000;

/** The tag maps of one method (on one channel, client side). */
export class A66MethodTags {
  private readonly ended: TagMap[] = [];

  constructor(
    /** grpc.method (and, client side, grpc.target): the tags of the `started` counters. */
    readonly started: TagMap,
  ) {}

  /** `started` plus grpc.status of `code`. */
  endedWith(code: number): TagMap {
    const small = Number.isInteger(code) && code >= 0 && code < 32;
    const cached = small ? this.ended[code] : undefined;
    if (cached !== undefined) return cached;
    const tags = this.started.with(KeyGrpcStatus, statusName(code));
    if (small) this.ended[code] = tags;
    return tags;
  }
}

/**
 * A66 attributes of the calls of one client channel. grpc.method follows
 * grpc-go's client rule: a method is recorded by name when the stub the call
 * was made through declares it (`registerService`: a client class made by
 * makeClientConstructor / loadPackageDefinition), "other" for generic calls
 * (`client.makeUnaryRequest(path, …)` on a plain `grpc.Client`). A
 * `methodAttributeFilter` decides instead, for every method: true records the
 * name (generic calls included, as gRPC C++'s generic method filter allows),
 * false records "other". Its answer is cached per method.
 */
export class A66ClientAttributes {
  private readonly registered = new Set<string>();
  private allRegistered = false;
  private readonly cache = new Map<string, A66MethodTags>();

  constructor(
    /** The channel's canonical target (grpc.target). */
    readonly target: string,
    private readonly filter: MethodFilter,
    /** Told when the filter throws (the method is then "other"). */
    private readonly filterFailed: (err: unknown) => void,
  ) {}

  /** The paths of a client's service definition (`ServiceClientConstructor.service`) count as registered. */
  registerService(service: unknown): void {
    if (service === null || typeof service !== 'object') return;
    let added = false;
    for (const def of Object.values(service as Record<string, { path?: unknown }>)) {
      const path = def?.path;
      if (typeof path === 'string' && !this.registered.has(path)) {
        this.registered.add(path);
        added = true;
      }
    }
    if (added) this.cache.clear();
  }

  /** Every method counts as registered (when the stubs of the calls cannot be known). */
  registerAll(): void {
    if (this.allRegistered) return;
    this.allRegistered = true;
    this.cache.clear();
  }

  /** The tag maps of calls to `path` (`/pkg.Service/Method`). */
  tagsFor(path: string): A66MethodTags {
    const cached = this.cache.get(path);
    if (cached !== undefined) return cached;
    const method = filtered(path, this.filter, this.filterFailed, this.allRegistered || this.registered.has(path));
    const tags = new A66MethodTags(TagMap.EMPTY.with(KeyGrpcMethod, method).with(KeyGrpcTarget, tagValue(this.target)));
    if (this.cache.size < MAX_CACHED) this.cache.set(path, tags);
    return tags;
  }
}

/**
 * A66 attributes of the calls of one server. grpc.method is the method's
 * name, or "other" when `methodAttributeFilter` returns false for it. Calls to
 * methods the server does not implement are always "other", filter or not:
 * their names come from the network, so recording them would let any peer
 * create rows (A66's reason for "other").
 */
export class A66ServerAttributes {
  /** The tags of calls to methods the server does not implement. */
  readonly unknown = new A66MethodTags(TagMap.EMPTY.with(KeyGrpcMethod, OTHER_METHOD));
  private readonly cache = new Map<string, A66MethodTags>();

  constructor(
    private readonly filter: MethodFilter,
    private readonly filterFailed: (err: unknown) => void,
  ) {}

  /** The tag maps of calls to the registered method `path`. */
  tagsFor(path: string): A66MethodTags {
    const cached = this.cache.get(path);
    if (cached !== undefined) return cached;
    const method = filtered(path, this.filter, this.filterFailed, true);
    const tags = method === OTHER_METHOD ? this.unknown : new A66MethodTags(TagMap.EMPTY.with(KeyGrpcMethod, method));
    if (this.cache.size < MAX_CACHED) this.cache.set(path, tags);
    return tags;
  }
}

/** grpc.method for `path`: the filter's verdict when there is a filter, else `byDefault`. */
function filtered(path: string, filter: MethodFilter, failed: (err: unknown) => void, byDefault: boolean): string {
  let named = byDefault;
  if (filter !== undefined) {
    try {
      named = filter(path) !== false;
    } catch (err) {
      failed(err);
      named = false;
    }
  }
  return named ? methodTagValue(path) : OTHER_METHOD;
}

/** A valid tag value: at most 255 printable ASCII characters. */
function tagValue(s: string): string {
  const v = s.slice(0, 255);
  return isPrintableAscii(v) ? v : v.replace(/[^\x20-\x7e]/g, '_');
}
