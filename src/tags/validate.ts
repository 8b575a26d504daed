import { MAX_NAME_LENGTH, describeValue, isPrintableAscii } from '../internal/ascii';

/** Throws a `TypeError` unless `name` is a valid tag key: 1–255 printable ASCII characters. */
export function validateTagKeyName(name: unknown): asserts name is string {
  if (typeof name !== 'string' || name.length === 0 || name.length > MAX_NAME_LENGTH || !isPrintableAscii(name)) {
    throw new TypeError(`Invalid tag key ${describeValue(name)}: it must be 1–${MAX_NAME_LENGTH} printable ASCII characters`);
  }
}

/** Throws a `TypeError`, naming the key, unless `value` is a valid tag value: 0–255 printable ASCII characters. */
export function validateTagValue(key: string, value: unknown): asserts value is string {
  if (typeof value !== 'string' || value.length > MAX_NAME_LENGTH || !isPrintableAscii(value)) {
    throw new TypeError(
      `Invalid value ${describeValue(value)} for tag key ${JSON.stringify(key)}: it must be 0–${MAX_NAME_LENGTH} printable ASCII characters`,
    );
  }
}
