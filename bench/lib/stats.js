'use strict';
// Small statistics helpers: every figure the bench reports is a median.

/** The median of a list of numbers (mean of the two middle values for an even count). */
function median(values) {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** Lowest and highest value, for the "spread" column. */
function range(values) {
  return [Math.min(...values), Math.max(...values)];
}

/** A number with `digits` significant digits, no exponent for the sizes we print. */
function fmt(x, digits = 3) {
  if (!Number.isFinite(x)) return String(x);
  if (Math.abs(x) >= 10 ** digits) return Math.round(x).toLocaleString('en-US');
  return Number(x.toPrecision(digits)).toString();
}

/** A ratio printed as `0.97×`. */
function fmtRatio(x) {
  return `${Number.isFinite(x) ? x.toFixed(x < 10 ? 2 : 1) : x}×`;
}

module.exports = { median, range, fmt, fmtRatio };
