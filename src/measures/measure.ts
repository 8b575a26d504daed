import { MAX_NAME_LENGTH, describeValue, isPrintableAscii } from '../internal/ascii';

/** The value type of a measure: int64 values are truncated toward zero. */
export type MeasureType = 'int64' | 'float64';

/** A value bound to the measure it measures; pass it to `Stats.record`. */
export interface Measurement {
  readonly measure: Measure;
  readonly value: number;
}

const byName = new Map<string, Measure>();

/**
 * A named quantity that is recorded, such as `grpc.io/client/roundtrip_latency`.
 * A measure holds no data: views registered on it aggregate what is recorded.
 *
 * Measures are interned by name: defining the same name, type and unit twice
 * returns the first instance (as opencensus-go does); the same name with a
 * different type or unit is a `TypeError`.
 */
export class Measure {
  /**
   * The record path's per-measure state (see views/record.ts): how many
   * registered views aggregate this measure across all `Stats` (record
   * returns before touching tags while it is 0), and which registry looked
   * this measure up last and what it found, which saves a Map lookup per
   * measurement. Registries reset it when their views change.
   * @internal
   */
  readonly _recordCache: { viewCount: number; owner: object | undefined; collectors: unknown } = {
    viewCount: 0,
    owner: undefined,
    collectors: undefined,
  };

  private constructor(
    readonly name: string,
    readonly description: string,
    readonly unit: string,
    readonly type: MeasureType,
  ) {}

  /** An integer measure. Values recorded on it are truncated toward zero (`Math.trunc`). */
  static int64(name: string, description: string, unit: string): Measure {
    return Measure.define(name, description, unit, 'int64');
  }

  /** A floating-point measure. */
  static float64(name: string, description: string, unit: string): Measure {
    return Measure.define(name, description, unit, 'float64');
  }

  private static define(name: string, description: string, unit: string, type: MeasureType): Measure {
    validateMeasureName(name);
    if (typeof description !== 'string') throw new TypeError(`Measure ${JSON.stringify(name)}: description must be a string`);
    if (typeof unit !== 'string') throw new TypeError(`Measure ${JSON.stringify(name)}: unit must be a string`);
    const existing = byName.get(name);
    if (existing) {
      if (existing.type !== type || existing.unit !== unit) {
        throw new TypeError(
          `Measure ${JSON.stringify(name)} is already defined as ${existing.type} in ${JSON.stringify(existing.unit)}; ` +
            `it cannot be redefined as ${type} in ${JSON.stringify(unit)}. Use a different name.`,
        );
      }
      return existing;
    }
    const measure = new Measure(name, description, unit, type);
    byName.set(name, measure);
    return measure;
  }

  /** Binds `value` to this measure. An int64 measure truncates it toward zero; NaN and ±Infinity pass through and are rejected by `record`. */
  m(value: number): Measurement {
    return { measure: this, value: this.type === 'int64' && Number.isFinite(value) ? Math.trunc(value) : value };
  }
}

function validateMeasureName(name: unknown): asserts name is string {
  if (typeof name !== 'string' || name.length === 0 || name.length > MAX_NAME_LENGTH || !isPrintableAscii(name)) {
    throw new TypeError(
      `Invalid measure name ${describeValue(name)}: it must be 1–${MAX_NAME_LENGTH} printable ASCII characters`,
    );
  }
}
