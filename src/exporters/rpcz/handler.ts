import type { IncomingMessage, ServerResponse } from 'node:http';
import { SNAPSHOT_INTERVAL_MS, SnapshotHistory } from './history';
import { renderPage } from './html/page';
import { checkRpczOptions, type RpczOptions } from './options';
import { buildReport } from './report';
import { MethodTracker } from './sample';

/** A request handler for /rpcz and /rpcz.json, plus `close()` to stop its snapshot timer. */
export interface RpczHandler {
  (req: IncomingMessage, res: ServerResponse): void;
  /** Stops the snapshot timer; the page still answers, and its history then grows only when it is viewed. Safe to call twice. */
  close(): void;
}

// No script on the page, and nothing loaded from anywhere: a hostile method
// name that escaped escaping still could not run.
const HTML_HEADERS = {
  'Content-Type': 'text/html; charset=utf-8',
  'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; img-src data:",
};

/**
 * The /rpcz page as a plain `(req, res)` handler, for your own `http` or
 * express server: `GET`/`HEAD` answers the HTML page, or its JSON twin when
 * the path ends in `.json` (mount it on both `/rpcz` and `/rpcz.json`);
 * other methods get 405. It reads the registered gRPC views of `stats`
 * (`grpc.io/client/*`, `grpc.io/server/*`) and says on the page which are missing.
 *
 * A timer reads the views every 5 s into a bounded history behind the
 * one-minute and one-hour windows; it never keeps the process alive, and
 * `close()` stops it. Recording RPCs does no extra work for the page.
 * Throws `TypeError` for bad options.
 */
export function rpczHandler(options?: RpczOptions): RpczHandler {
  const o = checkRpczOptions(options);
  const history = new SnapshotHistory(o.stats, new MethodTracker(o.maxMethods));
  const tick = () => {
    try {
      history.sample(o.now());
    } catch (err) {
      o.stats.diagnostics.increment('rpcz.errors');
      o.stats.diagnostics.warnOnce('rpcz.snapshot', `grpc-census: reading the views for /rpcz failed (later failures are only counted): ${String(err)}`);
    }
  };
  tick();
  let timer: NodeJS.Timeout | undefined = setInterval(tick, SNAPSHOT_INTERVAL_MS);
  timer.unref();

  const handler = ((req: IncomingMessage, res: ServerResponse) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('Method Not Allowed\n');
      return;
    }
    let body: string;
    let headers: Record<string, string>;
    try {
      const report = buildReport(history, o.now(), o.topN);
      const json = /\.json$/.test((req.url ?? '').split('?', 1)[0]);
      body = json ? JSON.stringify(report) : renderPage(report, o.refreshSeconds);
      headers = json ? { 'Content-Type': 'application/json; charset=utf-8' } : HTML_HEADERS;
    } catch (err) {
      o.stats.diagnostics.increment('rpcz.errors');
      o.stats.diagnostics.warnOnce('rpcz.render', `grpc-census: rendering /rpcz failed (later failures are only counted): ${String(err)}`);
      res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('Internal Server Error\n');
      return;
    }
    res.writeHead(200, { ...headers, 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff', 'Content-Length': Buffer.byteLength(body) });
    res.end(req.method === 'HEAD' ? undefined : body);
  }) as RpczHandler;
  handler.close = () => {
    if (timer !== undefined) clearInterval(timer);
    timer = undefined;
  };
  return handler;
}
