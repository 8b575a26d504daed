import { setOwn } from '../internal/own-property';
import type { TagMap } from '../tags/tag-map';

/**
 * The ordered tag keys of a view, with a small integer id shared by every view
 * that has the same keys in the same order. A `TagMap` caches the row key it
 * produced for each layout id, so recording the same `TagMap` again skips
 * building the key.
 */
export class TagLayout {
  private static readonly ids = new Map<string, number>();

  readonly id: number;

  constructor(readonly keyNames: readonly string[]) {
    const signature = rowKeyOf(keyNames);
    let id = TagLayout.ids.get(signature);
    if (id === undefined) {
      id = TagLayout.ids.size;
      TagLayout.ids.set(signature, id);
    }
    this.id = id;
  }

  /**
   * The row key of `tags` for this layout: each key's value, in layout order,
   * prefixed by its length as one char (values are at most 255 chars), so no
   * two value lists share a key. Absent and empty values both encode as
   * length 0 (opencensus-go does the same), so they share a row.
   */
  rowKey(tags: TagMap): string {
    const cache = (tags._rowKeys ??= []);
    let key = cache[this.id];
    if (key === undefined) {
      key = '';
      for (const name of this.keyNames) {
        const v = tags.get(name);
        key += v === undefined ? '\u0000' : String.fromCharCode(v.length) + v;
      }
      cache[this.id] = key;
    }
    return key;
  }

  /** The row's tags: the non-empty values of this layout's keys. */
  rowTags(tags: TagMap): Record<string, string> {
    const out: Record<string, string> = {};
    for (const name of this.keyNames) {
      const v = tags.get(name);
      if (v) setOwn(out, name, v);
    }
    return out;
  }
}

function rowKeyOf(values: readonly string[]): string {
  let key = '';
  for (const v of values) key += String.fromCharCode(v.length) + v;
  return key;
}
