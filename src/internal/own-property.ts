/**
 * Sets `obj[key] = value` as an own, enumerable property. Plain assignment
 * with the key `__proto__` (a valid tag key) would replace the object's
 * prototype instead and silently lose the tag.
 */
export function setOwn(obj: Record<string, string>, key: string, value: string): void {
  if (key === '__proto__') Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  else obj[key] = value;
}
