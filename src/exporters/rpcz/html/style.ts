// The page's only stylesheet, inline so the page works offline and loads
// nothing. Colors follow the reader's light or dark preference.

/** The CSS of the /rpcz page. */
export const STYLE = `
:root{--bg:#f5f6f8;--card:#fff;--ink:#1c2230;--muted:#6b7383;--line:#e4e7ec;--head:#fafbfc;--accent:#2f6fec;--accent-soft:rgba(47,111,236,.14);--err:#d42a2a;--err-soft:#fde8e8;--warn-bg:#fff8eb;--warn-line:#f6c77a}
@media (prefers-color-scheme:dark){:root{--bg:#0f1218;--card:#171b23;--ink:#e4e7ec;--muted:#98a1b3;--line:#2a303c;--head:#1b2029;--accent:#6ea2ff;--accent-soft:rgba(110,162,255,.18);--err:#ff7b7b;--err-soft:rgba(255,123,123,.14);--warn-bg:#2a2114;--warn-line:#8a5a17}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--ink);font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
header{display:flex;flex-wrap:wrap;align-items:baseline;gap:6px 16px;padding:14px 24px;background:var(--card);border-bottom:1px solid var(--line)}
header h1{font-size:20px;margin:0;letter-spacing:-.01em}
header h1 span{color:var(--accent)}
header .sub{color:var(--muted)}
header .meta{margin-left:auto;color:var(--muted);font-size:12px}
a{color:var(--accent)}
main{padding:18px 24px 8px}
section{background:var(--card);border:1px solid var(--line);border-radius:10px;margin-bottom:20px;overflow-x:auto;box-shadow:0 1px 2px rgba(16,24,40,.04)}
section h2{font-size:15px;margin:0;padding:11px 16px;border-bottom:1px solid var(--line);display:flex;flex-wrap:wrap;gap:4px 14px;align-items:baseline}
h2 .count,h2 .spans{color:var(--muted);font-weight:400;font-size:12px}
h2 .sum{font-weight:600;font-size:13px}
h2 .spans{margin-left:auto}
table{border-collapse:collapse;width:100%;font-variant-numeric:tabular-nums}
th,td{padding:6px 8px;text-align:right;white-space:nowrap;border-bottom:1px solid var(--line);vertical-align:middle}
th{font-size:11px;text-transform:uppercase;letter-spacing:.05em;color:var(--muted);font-weight:600;background:var(--head)}
thead tr.group th{border-bottom:0;padding-bottom:0;color:var(--ink)}
thead tr.sub th{padding-top:2px}
tbody tr:last-child td{border-bottom:0}
tbody tr:hover{background:var(--accent-soft)}
.l{text-align:left}
.sep{border-left:1px solid var(--line)}
td.method{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"DejaVu Sans Mono",monospace;font-size:13px;max-width:380px;overflow:hidden;text-overflow:ellipsis}
td.method .svc{color:var(--muted)}
td.method .name{font-weight:600}
td.method.aggregate{font-style:italic;color:var(--muted)}
td.lead{font-weight:600}
.zero{color:var(--muted);font-weight:400}
.err{color:var(--err);font-weight:600}
.io{display:block;line-height:1.3}
.io small{color:var(--muted);margin-left:3px}
td.status{white-space:normal;min-width:150px;max-width:260px}
.chip{display:inline-block;padding:0 7px;border-radius:999px;background:var(--err-soft);color:var(--err);font-size:12px;margin:1px 0 1px 4px}
.spark{display:block}
.spark-area{fill:var(--accent-soft)}
.spark-line{fill:none;stroke:var(--accent);stroke-width:1.5;stroke-linejoin:round;stroke-linecap:round}
.spark-axis{stroke:var(--line);stroke-width:1}
.notice{background:var(--warn-bg);border:1px solid var(--warn-line);border-radius:10px;padding:10px 14px;margin-bottom:18px}
.notice ul{margin:4px 0 0;padding-left:18px}
.empty{padding:14px 16px;color:var(--muted)}
tr.more td{color:var(--muted);text-align:left;font-style:italic}
code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"DejaVu Sans Mono",monospace;font-size:12px}
footer{color:var(--muted);font-size:12px;padding:0 24px 24px;max-width:1100px}
footer ul{margin:0;padding-left:18px}
footer li{margin:2px 0}
`;
