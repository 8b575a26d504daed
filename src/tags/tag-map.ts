import { TagKey, tagKeyName } from './tag-key';
import { setOwn } from '../internal/own-property';
import { validateTagValue } from './validate';

/**
 * An immutable set of tags (key name → value). Every change returns a new map.
 *
 * A tag whose value is the empty string is kept in the map, but views treat it
 * exactly like an absent tag (as opencensus-go does): the row omits it.
 */
export class TagMap {
  /** The map with no tags. */
  static readonly EMPTY: TagMap = new TagMap(new Map());

  /**
   * The record path's cache of this map's row per view (see views/record.ts):
   * at `2 * slot` a view's collector, at `2 * slot + 1` its cell for this map.
   * Filled lazily; safe because the map never changes.
   * @internal
   */
  _cells: unknown[] | undefined;

  /**
   * The tag context's cache (see tags/context.ts): the last context frame made
   * with these tags, and the caller's frame it was made from. Bounded: one
   * pair per map.
   * @internal
   */
  _frame: unknown;

  private constructor(private readonly tags: ReadonlyMap<string, string>) {}

  /** A map built from an object or from `[key, value]` pairs; later duplicates win. */
  static from(entries: Record<string, string> | Iterable<readonly [TagKey | string, string]>): TagMap {
    const tags = new Map<string, string>();
    const pairs: Iterable<readonly [TagKey | string, string]> =
      entries != null && typeof (entries as Iterable<unknown>)[Symbol.iterator] === 'function'
        ? (entries as Iterable<readonly [TagKey | string, string]>)
        : Object.entries(requireObject(entries));
    for (const [key, value] of pairs) {
      const name = tagKeyName(key);
      validateTagValue(name, value);
      tags.set(name, value);
    }
    return tags.size === 0 ? TagMap.EMPTY : new TagMap(tags);
  }

  /**
   * A map that takes ownership of `tags`, whose keys and values the caller has
   * already validated (the binary decoder): no second pass, no copy.
   * @internal
   */
  static _ofValid(tags: Map<string, string>): TagMap {
    return tags.size === 0 ? TagMap.EMPTY : new TagMap(tags);
  }

  /** The value of `key`, or `undefined` when the tag is not set. */
  get(key: TagKey | string): string | undefined {
    return this.tags.get(key instanceof TagKey ? key.name : key);
  }

  /** True when `key` is set (possibly to the empty string). */
  has(key: TagKey | string): boolean {
    return this.tags.has(key instanceof TagKey ? key.name : key);
  }

  /** A map with `key` set to `value`, inserted or replaced (upsert): one copy of the map, or none when the value is already set. */
  with(key: TagKey | string, value: string): TagMap {
    const name = tagKeyName(key);
    validateTagValue(name, value);
    if (this.tags.get(name) === value) return this;
    const tags = new Map(this.tags);
    tags.set(name, value);
    return new TagMap(tags);
  }

  /** A map without `key`. */
  without(key: TagKey | string): TagMap {
    const name = key instanceof TagKey ? key.name : key;
    if (!this.tags.has(name)) return this;
    const tags = new Map(this.tags);
    tags.delete(name);
    return tags.size === 0 ? TagMap.EMPTY : new TagMap(tags);
  }

  /** How many tags are set. */
  get size(): number {
    return this.tags.size;
  }

  /** `[key name, value]` pairs in insertion order. */
  entries(): IterableIterator<[string, string]> {
    return this.tags.entries();
  }

  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.tags.entries();
  }

  /** A plain object copy: key name → value. */
  toObject(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [k, v] of this.tags) setOwn(out, k, v);
    return out;
  }

  toString(): string {
    return `TagMap ${JSON.stringify(this.toObject())}`;
  }
}

function requireObject(entries: unknown): Record<string, string> {
  if (entries === null || typeof entries !== 'object') {
    throw new TypeError(`TagMap.from expects an object or an iterable of [key, value] pairs, got ${String(entries)}`);
  }
  return entries as Record<string, string>;
}
