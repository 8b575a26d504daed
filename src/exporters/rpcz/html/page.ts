import type { RpczReport } from '../report';
import { ROLES, SIDES, type MissingView, type Side } from '../view-set';
import { escapeHtml } from './escape';
import { formatCount, formatNumber } from './format';
import { STYLE } from './style';
import { sideTable, spansLine } from './table';

const TITLES: Record<Side, string> = { server: 'Server', client: 'Client' };

/**
 * The /rpcz page: static HTML and inline CSS, no script and nothing fetched,
 * so it works offline and under a strict Content-Security-Policy. It reloads
 * itself every `refreshSeconds` (0: never) with a meta refresh.
 */
export function renderPage(report: RpczReport, refreshSeconds: number): string {
  const sections = SIDES.map((side) => sideSection(report, side)).join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
${refreshSeconds > 0 ? `<meta http-equiv="refresh" content="${refreshSeconds}">\n` : ''}<title>rpcz · grpc-census</title>
<style>${STYLE}</style></head>
<body>
<header><h1><span>rpcz</span></h1><div class="sub">live gRPC calls of this process, per method</div>
<div class="meta">read at <time datetime="${report.generatedAt}">${report.generatedAt.replace('T', ' ').replace(/\.\d+Z$/, ' UTC')}</time>${refreshSeconds > 0 ? ` · refreshes every ${refreshSeconds} s` : ''} · <a href="rpcz.json">JSON</a></div></header>
<main>
${missingNotice(report.missingViews)}${sections}
</main>
<footer><ul>
<li><b>1m</b> and <b>1h</b> are the last minute and hour, measured from snapshots of the views taken every ${report.snapshotIntervalMs / 1000} s; <b>all</b> is since the views were registered. Until the page has watched that long, a window covers less; the line above each table says how much.</li>
<li><b>Latency percentiles are interpolated from the histogram buckets</b> of the latency views, not measured exactly: a value is off by at most its bucket's width, and beyond the last bucket bound the page shows that bound.</li>
<li><b>In flight</b> = started − completed RPCs. <b>Calls</b> count completed RPCs; <b>errors</b> are those that ended with a status other than OK.</li>
<li><b>Messages</b> and <b>bytes</b> (serialized, uncompressed) are counted when an RPC ends; <b>in</b> = received by this process, <b>out</b> = sent.</li>
</ul></footer>
</body></html>
`;
}

function sideSection(report: RpczReport, side: Side): string {
  const rows = report.rows.filter((r) => r.side === side);
  const omitted = report.omitted[side];
  const missingHere = report.missingViews.filter((m) => m.side === side);
  if (missingHere.length === ROLES.length && rows.length === 0) return '';
  const total = rows.length + omitted.methods;
  const count = `${formatCount(total)} method${total === 1 ? '' : 's'}${omitted.methods > 0 ? `, top ${rows.length} by traffic` : ', by traffic'}`;
  const spans = rows.length > 0 ? `<span class="spans">${spansLine(rows[0])}</span>` : '';
  const calls = rows.reduce((n, r) => n + r.windows['1m'].callsPerSec, omitted.callsPerSec);
  const errors = rows.reduce((n, r) => n + r.windows['1m'].errorsPerSec, omitted.errorsPerSec);
  const sum = `<span class="sum" data-k="sum">${formatNumber(calls)} calls/s · <span class="${errors > 0 ? 'err' : 'zero'}">${formatNumber(errors)} errors/s</span></span>`;
  const hasInFlight = !missingHere.some((m) => m.view.endsWith('/started_rpcs'));
  return `<section data-side="${side}"><h2>${TITLES[side]} ${sum} <span class="count">in the last minute · ${count}</span>${spans}</h2>
${sideTable(rows, omitted, hasInFlight)}
</section>`;
}

function missingNotice(missing: readonly MissingView[]): string {
  if (missing.length === 0) return '';
  const lines: string[] = [];
  for (const side of SIDES) {
    const here = missing.filter((m) => m.side === side);
    if (here.length === ROLES.length) {
      const names = side === 'client' ? 'DefaultClientViews and ExtraClientViews' : 'DefaultServerViews and ExtraServerViews';
      lines.push(`<li>No ${side} view is registered: register <code>${names}</code> to see ${side} calls.</li>`);
    } else {
      for (const m of here) lines.push(`<li><code>${escapeHtml(m.view)}</code> is not registered: no ${escapeHtml(m.feeds)} for ${side} calls.</li>`);
    }
  }
  return `<div class="notice" data-k="missingViews"><b>Some columns are empty because views are missing.</b><ul>${lines.join('')}</ul></div>\n`;
}
