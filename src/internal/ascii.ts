/** Longest name, tag key or tag value OpenCensus allows, in characters. */
export const MAX_NAME_LENGTH = 255;

/** True when every character of `s` is printable ASCII (0x20–0x7E). */
export function isPrintableAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c > 0x7e) return false;
  }
  return true;
}

/** Renders an arbitrary user value for an error message without flooding it. */
export function describeValue(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v.length > 60 ? `${v.slice(0, 60)}…` : v);
  if (v === null) return 'null';
  if (typeof v === 'object') return Object.prototype.toString.call(v);
  return String(v);
}
