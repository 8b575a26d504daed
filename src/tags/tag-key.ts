import { validateTagKeyName } from './validate';

const interned = new Map<string, TagKey>();

/** The name of a tag, e.g. `grpc_client_method`. Keys are interned: `TagKey.of(n) === TagKey.of(n)`. */
export class TagKey {
  private constructor(readonly name: string) {}

  /** The key named `name` (1–255 printable ASCII characters, else `TypeError`). */
  static of(name: string): TagKey {
    let key = interned.get(name);
    if (key === undefined) {
      validateTagKeyName(name);
      key = new TagKey(name);
      interned.set(name, key);
    }
    return key;
  }

  toString(): string {
    return this.name;
  }
}

/** The key name of a `TagKey` or a string, validated. */
export function tagKeyName(key: TagKey | string): string {
  if (key instanceof TagKey) return key.name;
  validateTagKeyName(key);
  return key;
}
