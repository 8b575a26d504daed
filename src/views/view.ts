import { MAX_NAME_LENGTH, describeValue, isPrintableAscii } from '../internal/ascii';
import { optionsObject } from '../internal/options';
import { Measure } from '../measures/measure';
import { TagKey } from '../tags/tag-key';
import { Aggregation } from './aggregation';

/** The definition a `View` is built from. */
export interface ViewDefinition {
  /** 1–255 printable ASCII characters; unique within a `Stats`. */
  name: string;
  /** Defaults to the measure's description. */
  description?: string;
  measure: Measure;
  aggregation: Aggregation;
  /** The tags that split rows, in the order they are reported. Default: none (one row). */
  tagKeys?: (TagKey | string)[];
  /** Most rows this view keeps; further tag combinations go to the overflow row. Default: the `Stats` limit. */
  maxRows?: number;
}

const VIEW_FIELDS = ['name', 'description', 'measure', 'aggregation', 'tagKeys', 'maxRows'] as const;

/**
 * What to aggregate: a measure, an aggregation, and the tag keys whose values
 * split the data into rows. A view is immutable and holds no data; register
 * it on a `Stats` to start aggregating.
 */
export class View {
  readonly name: string;
  readonly description: string;
  readonly measure: Measure;
  readonly aggregation: Aggregation;
  readonly tagKeys: readonly TagKey[];
  /** Row limit for this view, or undefined to use the `Stats` default. */
  readonly maxRows: number | undefined;

  /** Throws `TypeError` naming the offending field for an invalid definition, or an unknown field. */
  constructor(def: ViewDefinition) {
    if (def === null || typeof def !== 'object') throw new TypeError('View expects a definition object');
    optionsObject(def, `View ${describeValue(def.name)}`, VIEW_FIELDS);
    const { name, measure, aggregation } = def;
    if (typeof name !== 'string' || name.length === 0 || name.length > MAX_NAME_LENGTH || !isPrintableAscii(name)) {
      throw new TypeError(`Invalid view name ${describeValue(name)}: it must be 1–${MAX_NAME_LENGTH} printable ASCII characters`);
    }
    if (!(measure instanceof Measure)) throw new TypeError(`View ${JSON.stringify(name)}: measure must be a Measure`);
    if (!(aggregation instanceof Aggregation)) {
      throw new TypeError(`View ${JSON.stringify(name)}: aggregation must come from Aggregation.count/sum/lastValue/distribution`);
    }
    if (def.description !== undefined && typeof def.description !== 'string') {
      throw new TypeError(`View ${JSON.stringify(name)}: description must be a string`);
    }
    if (def.maxRows !== undefined && !(Number.isInteger(def.maxRows) && def.maxRows >= 1)) {
      throw new TypeError(`View ${JSON.stringify(name)}: maxRows must be a positive integer, got ${describeValue(def.maxRows)}`);
    }
    this.name = name;
    this.description = def.description ?? measure.description;
    this.measure = measure;
    this.aggregation = aggregation;
    this.tagKeys = Object.freeze(toTagKeys(name, def.tagKeys ?? []));
    this.maxRows = def.maxRows;
    Object.freeze(this);
  }

  /** True when `other` defines the same view: same name, description, measure, aggregation, tag keys (in order) and row limit. */
  sameDefinition(other: View): boolean {
    return (
      this === other ||
      (this.name === other.name &&
        this.description === other.description &&
        this.measure === other.measure &&
        this.aggregation.equals(other.aggregation) &&
        this.maxRows === other.maxRows &&
        this.tagKeys.length === other.tagKeys.length &&
        this.tagKeys.every((k, i) => k === other.tagKeys[i]))
    );
  }

  /** A one-line description of the definition, for error messages. */
  toString(): string {
    const keys = this.tagKeys.map((k) => k.name).join(', ');
    return `View ${JSON.stringify(this.name)} { measure: ${JSON.stringify(this.measure.name)}, aggregation: ${this.aggregation}, tagKeys: [${keys}]${this.maxRows === undefined ? '' : `, maxRows: ${this.maxRows}`} }`;
  }
}

function toTagKeys(viewName: string, keys: unknown): TagKey[] {
  if (!Array.isArray(keys)) throw new TypeError(`View ${JSON.stringify(viewName)}: tagKeys must be an array`);
  const seen = new Set<TagKey>();
  return keys.map((k: unknown) => {
    const key = k instanceof TagKey ? k : TagKey.of(k as string);
    if (seen.has(key)) throw new TypeError(`View ${JSON.stringify(viewName)}: tag key ${JSON.stringify(key.name)} is listed twice`);
    seen.add(key);
    return key;
  });
}
