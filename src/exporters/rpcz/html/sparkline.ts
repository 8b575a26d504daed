import { formatNumber, formatSpan } from './format';

const WIDTH = 110;
const HEIGHT = 26;

/**
 * An inline SVG of `points` (calls/s, oldest first): an area under a line,
 * scaled to its own maximum, which the tooltip states. Inline so the page
 * needs nothing from the network.
 */
export function sparkline(points: readonly number[]): string {
  // Every number in the SVG is computed here; nothing from the request or the tags reaches it.
  if (points.length < 2) return `<svg class="spark" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="not enough history yet"><title>not enough history yet</title><line class="spark-axis" x1="0" y1="${HEIGHT - 1}" x2="${WIDTH}" y2="${HEIGHT - 1}"/></svg>`;
  const max = Math.max(...points);
  const step = WIDTH / (points.length - 1);
  // The peak stays a few pixels below the top, so a steady rate reads as a line, not a filled box.
  const y = (v: number) => (max > 0 ? HEIGHT - 2 - (v / max) * (HEIGHT - 8) : HEIGHT - 2);
  const coords = points.map((v, i) => `${(i * step).toFixed(1)},${y(v).toFixed(1)}`);
  const title = `calls/s in 5 s steps over the last ${formatSpan(points.length * 5)}: peak ${formatNumber(max)}/s, last ${formatNumber(points[points.length - 1])}/s`;
  return (
    `<svg class="spark" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="${title}"><title>${title}</title>` +
    `<path class="spark-area" d="M0,${HEIGHT} L${coords.join(' L')} L${WIDTH},${HEIGHT} Z"/>` +
    `<polyline class="spark-line" points="${coords.join(' ')}"/></svg>`
  );
}
