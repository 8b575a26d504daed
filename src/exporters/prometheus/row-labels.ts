/** A row's labels, rendered once and reused at every scrape. */
export interface RowLabels {
  /** `{k="v",…}`, or `''` for a view without tags. */
  readonly braced: string;
  /** `{k="v",…,` or `{`: the start of a label set that continues (with `le` or `quantile`). */
  readonly open: string;
  /** Label name → value, for prom-client's own formatter (`get()`). */
  readonly object: Readonly<Record<string, string>>;
}

/**
 * Escapes a label value for the text formats: backslash, double quote and
 * line feed (prom-client and client_golang escape the same three).
 */
export function escapeLabelValue(value: string): string {
  return /[\\"\n]/.test(value) ? value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n') : value;
}

/**
 * Renders the labels of a view's rows. Every row carries every label of the
 * view, `""` when its tag is unset (opencensus-go does the same); tags a row has
 * beyond the view's keys — the overflow row's `census_overflow` — follow them.
 * Results are cached per row: the engine hands out the same frozen tags object
 * for a row for as long as it lives.
 */
export class RowLabelCache {
  private readonly cache = new WeakMap<object, RowLabels>();
  private readonly keyIndex: Map<string, number>;

  constructor(
    private readonly keyNames: readonly string[],
    private readonly labelNames: readonly string[],
    private readonly sanitize: (name: string) => string,
  ) {
    this.keyIndex = new Map(keyNames.map((k, i) => [k, i]));
  }

  /** The labels of the row whose (frozen, shared) tags object is `tags`. */
  get(tags: Readonly<Record<string, string>>): RowLabels {
    let labels = this.cache.get(tags);
    if (labels === undefined) {
      labels = this.render(tags);
      this.cache.set(tags, labels);
    }
    return labels;
  }

  private render(tags: Readonly<Record<string, string>>): RowLabels {
    const object: Record<string, string> = {};
    // hasOwn, not `tags[k] ?? ''`: an unset tag named like an Object.prototype member (toString, constructor) must render "".
    for (let i = 0; i < this.keyNames.length; i++) object[this.labelNames[i]] = Object.hasOwn(tags, this.keyNames[i]) ? tags[this.keyNames[i]] : '';
    for (const key of Object.keys(tags)) {
      if (!this.keyIndex.has(key)) object[this.sanitize(key)] = tags[key];
    }
    const parts = Object.entries(object).map(([name, value]) => `${name}="${escapeLabelValue(value)}"`);
    const inner = parts.join(',');
    return {
      braced: inner === '' ? '' : `{${inner}}`,
      open: inner === '' ? '{' : `{${inner},`,
      object: Object.freeze(object),
    };
  }
}
