import { describeValue } from './ascii';

// One way for every public entry point to check its options object: at
// construction, with a TypeError that names the entry point and the option.
// `where` is how the message names the entry point, e.g. 'Stats' or
// 'clientOptions'.

/**
 * `options` as a record of its own keys: `{}` for undefined. Throws a
 * `TypeError` for anything but a plain object, and for a key not in `known`
 * (the message lists the known keys).
 */
export function optionsObject(options: unknown, where: string, known: readonly string[]): Record<string, unknown> {
  if (options === undefined) return {};
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new TypeError(`${where}: options must be an object, got ${describeValue(options)}`);
  }
  for (const key of Object.keys(options)) {
    if (!known.includes(key)) {
      throw new TypeError(`${where}: unknown option ${JSON.stringify(key)} (known: ${known.join(', ')})`);
    }
  }
  return options as Record<string, unknown>;
}

/** The option `key` when it is a boolean, `fallback` when absent; else `TypeError`. */
export function booleanOption(options: Record<string, unknown>, key: string, where: string, fallback: boolean): boolean {
  const value = options[key];
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') throw new TypeError(`${where}: option ${key} must be a boolean, got ${describeValue(value)}`);
  return value;
}

/** The option `key` when it is a function, undefined when absent; else `TypeError`. */
export function functionOption<F extends (...args: never[]) => unknown>(options: Record<string, unknown>, key: string, where: string): F | undefined {
  const value = options[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'function') throw new TypeError(`${where}: option ${key} must be a function, got ${describeValue(value)}`);
  return value as F;
}

/** The option `key` when it is an integer in [min, max], `fallback` when absent; else `TypeError`. */
export function integerOption(options: Record<string, unknown>, key: string, where: string, fallback: number, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const value = options[key];
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new TypeError(`${where}: option ${key} must be an integer from ${min} to ${max}, got ${describeValue(value)}`);
  }
  return value;
}

/** The option `key` when it is a number (not NaN), undefined when absent; else `TypeError`. Range checks are the caller's. */
export function numberOption(options: Record<string, unknown>, key: string, where: string): number | undefined {
  const value = options[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || Number.isNaN(value)) throw new TypeError(`${where}: option ${key} must be a number, got ${describeValue(value)}`);
  return value;
}

/** The option `key` when it is a string, `fallback` when absent; else `TypeError`. */
export function stringOption(options: Record<string, unknown>, key: string, where: string, fallback: string): string {
  const value = options[key];
  if (value === undefined) return fallback;
  if (typeof value !== 'string') throw new TypeError(`${where}: option ${key} must be a string, got ${describeValue(value)}`);
  return value;
}
