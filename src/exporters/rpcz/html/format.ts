// How numbers read on the page: few digits, aligned by tabular figures. The
// JSON keeps them unrounded.

// Made on first use: building an Intl.NumberFormat loads ICU data (~20 ms),
// which every process requiring the package would otherwise pay at startup.
let grouped: Intl.NumberFormat | undefined;
const GROUPED = { format: (n: number): string => (grouped ??= new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 })).format(n) };

/** A count: `1,234`. */
export function formatCount(n: number): string {
  return GROUPED.format(n);
}

/** A rate or a latency: 2 decimals below 10, 1 below 100, then whole numbers; `0` for zero. */
export function formatNumber(x: number): string {
  if (x === 0) return '0';
  const abs = Math.abs(x);
  if (abs < 0.01) return x > 0 ? '<0.01' : '>-0.01';
  if (abs < 10) return x.toFixed(2);
  if (abs < 100) return x.toFixed(1);
  return GROUPED.format(Math.round(x));
}

const BYTE_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];

/** Bytes per second with a binary unit: `512 B/s`, `1.5 KiB/s`. */
export function formatBytesPerSec(x: number): string {
  let v = x;
  let unit = 0;
  while (v >= 1024 && unit < BYTE_UNITS.length - 1) {
    v /= 1024;
    unit++;
  }
  return `${unit === 0 ? formatNumber(v) : v.toFixed(1)} ${BYTE_UNITS[unit]}/s`;
}

/** A duration in seconds: `45 s`, `12 min`, `2.5 h`. */
export function formatSpan(seconds: number): string {
  if (seconds < 90) return `${Math.round(seconds)} s`;
  if (seconds < 5400) return `${Math.round(seconds / 60)} min`;
  return `${Number((seconds / 3600).toFixed(1))} h`;
}
