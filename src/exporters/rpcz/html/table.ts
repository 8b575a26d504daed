import type { RpczReport, RpczRow } from '../report';
import type { Side } from '../view-set';
import type { RpczWindow } from '../window';
import { escapeHtml } from './escape';
import { formatBytesPerSec, formatCount, formatNumber, formatSpan } from './format';
import { sparkline } from './sparkline';

// One side's table. Every cell carries `data-k="<window>.<field>"` naming the
// JSON number it shows, so tests (and scrapers) can find it.

const HEAD = `<thead><tr class="group">
<th class="l" rowspan="2">Method</th><th class="l" rowspan="2" title="Calls/s in 5 s steps over the last 10 minutes">Last 10 min</th>
<th rowspan="2" title="Started and not completed yet">In flight</th>
<th class="sep" colspan="3">Calls/s</th><th class="sep" colspan="3">Errors/s</th>
<th class="sep" colspan="3" title="Interpolated from the latency histogram buckets">Latency ms · 1m</th>
<th class="sep" colspan="3" title="Interpolated from the latency histogram buckets">Latency ms · 1h</th>
<th class="sep" rowspan="2">Msgs/s · 1m</th><th rowspan="2">Bytes/s · 1m</th><th class="sep l" rowspan="2">Errors · 1h</th>
</tr><tr class="sub">
<th class="sep">1m</th><th>1h</th><th>all</th><th class="sep">1m</th><th>1h</th><th>all</th>
<th class="sep">p50</th><th>p90</th><th>p99</th><th class="sep">p50</th><th>p90</th><th>p99</th>
</tr></thead>`;

/** The table of one side's rows (already sorted and cut to the top N), or a line saying there are none. */
export function sideTable(rows: readonly RpczRow[], omitted: RpczReport['omitted'][Side], hasInFlight: boolean): string {
  if (rows.length === 0) return '<p class="empty">No RPCs yet.</p>';
  const body = rows.map((r) => rowHtml(r, hasInFlight)).join('\n');
  const more =
    omitted.methods > 0
      ? `\n<tr class="more"><td colspan="18" data-k="omitted">and ${formatCount(omitted.methods)} more method${omitted.methods === 1 ? '' : 's'}, ${formatNumber(omitted.callsPerSec)} calls/s together over the last minute</td></tr>`
      : '';
  return `<table>${HEAD}<tbody>\n${body}${more}\n</tbody></table>`;
}

/** "1m = 60 s · 1h = 12 min · all = 12 min": what the windows cover right now. */
export function spansLine(row: RpczRow): string {
  const w = row.windows;
  return `windows now cover: 1m = ${formatSpan(w['1m'].seconds)} · 1h = ${formatSpan(w['1h'].seconds)} · all = ${formatSpan(w.total.seconds)}`;
}

function rowHtml(r: RpczRow, hasInFlight: boolean): string {
  const w = r.windows;
  const cells = [
    methodCell(r),
    `<td class="l">${sparkline(r.callsPerSecHistory)}</td>`,
    hasInFlight ? num('inFlight', r.inFlight, formatCount) : '<td data-k="inFlight" class="zero">–</td>',
    num('1m.callsPerSec', w['1m'].callsPerSec, formatNumber, 'sep lead'),
    num('1h.callsPerSec', w['1h'].callsPerSec),
    num('total.callsPerSec', w.total.callsPerSec),
    errNum('1m.errorsPerSec', w['1m'].errorsPerSec, 'sep'),
    errNum('1h.errorsPerSec', w['1h'].errorsPerSec),
    errNum('total.errorsPerSec', w.total.errorsPerSec),
    ...latency('1m', w['1m']),
    ...latency('1h', w['1h']),
    io('1m', w['1m'].receivedMessagesPerSec, w['1m'].sentMessagesPerSec, 'Messages', formatNumber, 'sep'),
    io('1m', w['1m'].receivedBytesPerSec, w['1m'].sentBytesPerSec, 'Bytes', formatBytesPerSec),
    statusChips(w['1h'].errorsByStatus),
  ];
  return `<tr data-side="${r.side}" data-method="${escapeHtml(r.method)}">${cells.join('')}</tr>`;
}

function methodCell(r: RpczRow): string {
  const full = escapeHtml(r.method);
  if (r.aggregate !== undefined) return `<td class="l method aggregate" title="${full}">${full}</td>`;
  const slash = r.method.lastIndexOf('/');
  const svc = slash >= 0 ? `<span class="svc">${escapeHtml(r.method.slice(0, slash + 1))}</span>` : '';
  return `<td class="l method" title="${full}">${svc}<span class="name">${escapeHtml(r.method.slice(slash + 1))}</span></td>`;
}

function num(k: string, x: number, fmt: (x: number) => string = formatNumber, cls = ''): string {
  const classes = [cls, x === 0 ? 'zero' : ''].filter(Boolean).join(' ');
  return `<td data-k="${k}"${classes ? ` class="${classes}"` : ''}>${fmt(x)}</td>`;
}

function errNum(k: string, x: number, cls = ''): string {
  return num(k, x, formatNumber, [cls, x > 0 ? 'err' : ''].filter(Boolean).join(' '));
}

function latency(name: '1m' | '1h', w: RpczWindow): string[] {
  return (['p50', 'p90', 'p99'] as const).map((p, i) => {
    const v = w.latencyMs?.[p];
    const cls = i === 0 ? 'sep' : '';
    if (v === undefined) return `<td data-k="${name}.latencyMs.${p}" class="${[cls, 'zero'].filter(Boolean).join(' ')}">–</td>`;
    return `<td data-k="${name}.latencyMs.${p}"${cls ? ` class="${cls}"` : ''}>${formatNumber(v)}</td>`;
  });
}

function io(name: string, inPerSec: number, outPerSec: number, what: 'Messages' | 'Bytes', fmt: (x: number) => string, cls = ''): string {
  const line = (k: string, x: number, label: string) => `<span class="io${x === 0 ? ' zero' : ''}"><span data-k="${name}.${k}">${fmt(x)}</span><small>${label}</small></span>`;
  return `<td${cls ? ` class="${cls}"` : ''}>${line(`received${what}PerSec`, inPerSec, 'in')}${line(`sent${what}PerSec`, outPerSec, 'out')}</td>`;
}

function statusChips(byStatus: Record<string, number>): string {
  const entries = Object.entries(byStatus).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  if (entries.length === 0) return '<td class="l sep status zero" data-k="1h.errorsByStatus">none</td>';
  const chips = entries.map(([status, n]) => `<span class="chip" data-status="${escapeHtml(status)}">${escapeHtml(status)} ${formatCount(n)}</span>`);
  return `<td class="l sep status" data-k="1h.errorsByStatus">${chips.join('')}</td>`;
}
